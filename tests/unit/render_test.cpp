#include "ballast/render.h"

#include <catch2/catch.hpp>

using namespace ballast;

namespace {
Report sample() {
  Report r;
  r.verdict = Verdict::Fail;
  r.proposal_id = "EP-1";
  Finding f;
  f.rule = "limit.max";
  f.subject = "eth";
  f.path = "/policy/limits/0";
  f.observed = Figure::bps(6600);
  f.limit = Figure::bps(6500);
  f.before = Figure::bps(6000);
  f.unit = "bps";
  f.message = "weight of eth is 6600.00 bps, above <the> maximum & \"more\"\nsecond line, with: colon 100%";
  r.findings.push_back(f);
  Finding w = f;
  w.rule = "swap.min_out_unreachable";
  w.severity = Severity::Warning;
  w.path = "/proposal/actions/0";
  r.findings.push_back(w);
  return r;
}
}  // namespace

TEST_CASE("report JSON has a fixed key order and no trailing newline", "[render]") {
  std::string j = render_json(sample());
  CHECK(j.rfind("{\n  \"ballast\": \"report/1\",\n  \"engine\": {\n    \"name\": \"ballast\",\n    \"version\": \"0.1.0\"\n  },\n"
                "  \"mode\": \"check\",\n  \"proposal\": \"EP-1\",\n  \"verdict\": \"fail\",\n  \"summary\": {\n"
                "    \"errors\": 1,\n    \"warnings\": 1,\n    \"input_errors\": 0\n  },\n  \"findings\": [\n    {\n"
                "      \"rule\": \"limit.max\",\n      \"severity\": \"error\",\n      \"subject\": \"eth\",\n"
                "      \"path\": \"/policy/limits/0\",\n      \"observed\": \"6600.00\",\n      \"limit\": \"6500.00\",\n"
                "      \"before\": \"6000.00\",\n      \"unit\": \"bps\",\n",
                0) == 0);
  CHECK(j.back() == '}');
  CHECK(render_json(sample()) == j);
}

TEST_CASE("text: verdict first, colour only when asked", "[render]") {
  std::string plain = render_text(sample());
  CHECK(plain.rfind("FAIL  EP-1: 1 error, 1 warning\n", 0) == 0);
  CHECK(plain.find("\x1b[") == std::string::npos);
  // A finding with a figure of 10 % or more reads in percent (figures and message); report/1 keeps bps.
  CHECK(plain.find("observed 66.00  limit 65.00  before 60.00  (%)") != std::string::npos);
  RenderOptions o;
  o.color = true;
  CHECK(render_text(sample(), o).find("\x1b[31m") != std::string::npos);
}

TEST_CASE("junit escapes XML and counts failures", "[render]") {
  std::string x = render_junit(sample());
  CHECK(x.find("<testsuites name=\"ballast\" tests=\"2\" failures=\"1\" errors=\"0\">") != std::string::npos);
  CHECK(x.find("above &lt;the&gt; maximum &amp; &quot;more&quot;") != std::string::npos);
  CHECK(x.find("<system-out>warning: ") != std::string::npos);
}

TEST_CASE("github annotations escape newlines, percent signs and property separators", "[render]") {
  RenderOptions o;
  o.files = {{"policy", "dao/policy,v2.json"}};
  std::string g = render_github(sample(), o);
  CHECK(g.rfind("::error file=dao/policy%2Cv2.json,title=ballast limit.max::/policy/limits/0: weight of eth", 0) == 0);
  CHECK(g.find("%0Asecond line, with: colon 100%25") != std::string::npos);
  CHECK(g.find("::warning title=ballast swap.min_out_unreachable::") != std::string::npos);
}
