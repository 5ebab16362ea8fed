// The mock portal form of embed.html: the draft feeds <ballast-check>; only a compliant draft submits.
const check = document.getElementById('check');
const draft = document.getElementById('draft');
const submit = document.getElementById('submit');
draft.value = await (await fetch('examples/endowment/proposal-compliant.json')).text();
const update = () => { check.proposal = draft.value; };
let timer;
draft.addEventListener('input', () => { clearTimeout(timer); timer = setTimeout(update, 150); });
// An applied fix comes back as the fixed proposal: the draft shows it.
check.addEventListener('ballast-apply', (e) => {
  draft.value = `${JSON.stringify(e.detail.proposal, null, 2)}\n`;
});
check.addEventListener('ballast-error', (e) => {
  document.getElementById('status').textContent = `The check is unavailable: ${e.detail.message}`;
  document.body.dataset.lastError = e.detail.code;
});
check.addEventListener('ballast-report', (e) => {
  submit.disabled = e.detail.verdict !== 'pass';
  document.getElementById('status').textContent = e.detail.verdict === 'pass'
    ? 'The proposal complies with the treasury policy.' : 'Fix the findings above before submitting.';
  document.body.dataset.lastVerdict = e.detail.verdict;
});
document.getElementById('form').addEventListener('submit', (e) => {
  e.preventDefault();
  document.getElementById('status').textContent = 'Submitted (mock).';
});
update();
