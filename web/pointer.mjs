// Finds where the value at a JSON pointer sits in JSON text, so that a finding or an error can
// be shown in the editor. Tolerant: on text that does not parse, it returns what it found before
// the fault (the nearest enclosing value it could reach).

/** Returns {start, end} (UTF-16 offsets) of the value at `pointer` in `text`, or of its nearest
 * ancestor that could be located; null when even the root cannot be found. */
export function locatePointer(text, pointer) {
  const want = pointer === '' ? [] : pointer.split('/').slice(1).map((t) => t.replace(/~1/g, '/').replace(/~0/g, '~'));
  let pos = 0;
  let best = null;

  const ws = () => {
    while (pos < text.length && ' \t\r\n'.includes(text[pos])) pos++;
  };
  const fail = () => {
    throw new Error('stop');
  };
  const string = () => {
    if (text[pos] !== '"') fail();
    let out = '';
    pos++;
    while (pos < text.length && text[pos] !== '"') {
      if (text[pos] === '\\') {
        const c = text[pos + 1];
        if (c === 'u') {
          out += String.fromCharCode(parseInt(text.slice(pos + 2, pos + 6), 16));
          pos += 6;
          continue;
        }
        out += { n: '\n', t: '\t', r: '\r', b: '\b', f: '\f' }[c] ?? c;
        pos += 2;
        continue;
      }
      out += text[pos++];
    }
    if (pos >= text.length) fail();
    pos++;
    return out;
  };
  // Parses the value at pos. `onPath`: the path so far matches the first `depth` tokens of `want`.
  // A value on the path is recorded when it opens (so a fault inside it still leaves it found)
  // and completed when it closes.
  const value = (depth, onPath) => {
    ws();
    const mark = onPath ? { start: pos, end: null, depth } : null;
    if (mark && (!best || depth >= best.depth)) best = mark;
    const c = text[pos];
    if (c === '{') {
      pos++;
      ws();
      if (text[pos] === '}') pos++;
      else {
        for (;;) {
          ws();
          const key = string();
          ws();
          if (text[pos] !== ':') fail();
          pos++;
          value(depth + 1, onPath && depth < want.length && want[depth] === key);
          ws();
          if (text[pos] === ',') { pos++; continue; }
          if (text[pos] === '}') { pos++; break; }
          fail();
        }
      }
    } else if (c === '[') {
      pos++;
      ws();
      if (text[pos] === ']') pos++;
      else {
        for (let i = 0; ; i++) {
          value(depth + 1, onPath && depth < want.length && want[depth] === String(i));
          ws();
          if (text[pos] === ',') { pos++; continue; }
          if (text[pos] === ']') { pos++; break; }
          fail();
        }
      }
    } else if (c === '"') {
      string();
    } else {
      const m = /^(-?[0-9][0-9.eE+-]*|true|false|null)/.exec(text.slice(pos, pos + 400));
      if (!m) fail();
      pos += m[0].length;
    }
    if (mark) mark.end = pos;
  };
  try {
    value(0, true);
  } catch {
    // keep what was found before the fault
  }
  if (!best) return null;
  const end = best.end ?? Math.min(text.length, Math.max(best.start + 1, pos));
  return { start: best.start, end, exact: best.depth === want.length && best.end !== null };
}

/** Converts a byte offset of UTF-8 text (as in json.syntax messages) to a UTF-16 offset. */
export function byteToCharOffset(text, byteOffset) {
  const enc = new TextEncoder();
  let bytes = 0;
  for (let i = 0; i < text.length; i++) {
    if (bytes >= byteOffset) return i;
    const cp = text.codePointAt(i);
    bytes += enc.encode(String.fromCodePoint(cp)).length;
    if (cp > 0xffff) i++;
  }
  return text.length;
}
