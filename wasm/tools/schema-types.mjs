#!/usr/bin/env node
// Writes the package's TypeScript declarations at build time: a type for every JSON Schema the
// core ships (Policy, Treasury, Proposal, Case, Report, PolicyDiff, and each schema's $defs) and
// the hand-written API (types/api.d.ts.in), as dist/index.d.ts (ES modules) and dist/index.d.cts
// (CommonJS). Covers the schema keywords the Ballast schemas use; constraints TypeScript cannot
// state (patterns, ranges, if/then) stay in the schemas and in the core's validation.
//
// usage: node tools/schema-types.mjs SCHEMA_DIR API_TEMPLATE OUT_DIR
import { readFileSync, readdirSync, writeFileSync, mkdirSync } from 'node:fs';
import path from 'node:path';

/** The exported name of each document kind's type. */
const TYPE_NAMES = { policy: 'Policy', treasury: 'Treasury', proposal: 'Proposal', case: 'Case', calls: 'Calls', report: 'Report', diff: 'PolicyDiff', plan: 'Plan' };
/** Documents Ballast reads: their amounts may be given as bigint (written as decimal strings). */
const INPUT_KINDS = new Set(['policy', 'treasury', 'proposal', 'case']);

const pascal = (s) => s.replace(/(^|_)([a-z0-9])/g, (_, __, c) => c.toUpperCase());
const isIdentifier = (s) => /^[A-Za-z_$][A-Za-z0-9_$]*$/.test(s);
const indent = (text, by) => text.split('\n').join(`\n${by}`);

function comment(schema, pad) {
  if (!schema || typeof schema !== 'object' || !schema.description) return '';
  return `${pad}/** ${schema.description.replace(/\*\//g, '*\\/')} */\n`;
}

/** Generates the declarations of one schema; `kinds` maps $id -> kind for references across schemas. */
function declarations(kind, schema, ids) {
  const name = TYPE_NAMES[kind];
  const defName = (def) => `${name}${pascal(def)}`;

  function ref(target) {
    const [id, pointer = ''] = target.split('#');
    const owner = id === '' ? kind : ids.get(id);
    if (!owner) throw new Error(`${kind}: unresolvable $ref ${target}`);
    if (pointer === '') return TYPE_NAMES[owner];
    const m = /^\/\$defs\/([A-Za-z0-9_]+)$/.exec(pointer);
    if (!m) throw new Error(`${kind}: unsupported $ref ${target}`);
    return `${TYPE_NAMES[owner]}${pascal(m[1])}`;
  }

  // A oneOf/anyOf branch that only requires or forbids properties of the enclosing object.
  const isConstraint = (s) => typeof s === 'object' && Object.keys(s).every((k) => k === 'required' || k === 'not');
  const forbidden = (s) => (s.not && s.not.anyOf ? s.not.anyOf.flatMap((a) => a.required || []) : []);

  // An allOf branch `if {key: const X} then {required, propertyNames}`: one variant of a union.
  const variantOf = (branch) => {
    const cond = branch.if && branch.if.properties && Object.entries(branch.if.properties);
    return cond && cond.length === 1 && 'const' in cond[0][1] && branch.then ? { key: cond[0][0], value: cond[0][1].const } : null;
  };

  function object(s, required = new Set(s.required || []), never = [], only = null) {
    const lines = [];
    for (const [key, sub] of Object.entries(s.properties || {})) {
      if (never.includes(key) || (only && !only.includes(key))) continue;
      const k = isIdentifier(key) ? key : JSON.stringify(key);
      lines.push(`${comment(sub, '  ')}  ${k}${required.has(key) ? '' : '?'}: ${indent(type(sub), '  ')};`);
    }
    for (const key of never) lines.push(`  ${key}?: never;`);
    if (s.additionalProperties && typeof s.additionalProperties === 'object') {
      lines.push(`  [key: string]: ${indent(type(s.additionalProperties), '  ')};`);
    } else if (s.additionalProperties !== false && !s.properties) {
      lines.push('  [key: string]: unknown;');
    }
    return lines.length ? `{\n${lines.join('\n')}\n}` : 'Record<string, never>';
  }

  function type(s) {
    if (s === true) return 'unknown';
    if (s === false) return 'never';
    if (s.$ref) return ref(s.$ref);
    if ('const' in s) return JSON.stringify(s.const);
    if (s.enum) return s.enum.map((v) => JSON.stringify(v)).join(' | ');
    if (s.properties && s.allOf && s.allOf.every(variantOf)) {
      // Variants told apart by one property (a venue's kind): each with its own fields.
      return s.allOf.map((branch) => {
        const { key, value } = variantOf(branch);
        const only = branch.then.propertyNames && branch.then.propertyNames.enum;
        const variant = { ...s, properties: { ...s.properties, [key]: { const: value } } };
        return object(variant, new Set([...(s.required || []), ...(branch.then.required || [])]), [], only);
      }).join(' | ');
    }
    const alternatives = s.oneOf || s.anyOf;
    if (alternatives && alternatives.every(isConstraint) && s.properties) {
      // Each branch: the object with that branch's properties required and its excluded ones absent.
      return alternatives.map((alt) =>
        object(s, new Set([...(s.required || []), ...(alt.required || [])]), forbidden(alt))).join(' | ');
    }
    if (alternatives) return alternatives.map((alt) => parenthesize(type(alt))).join(' | ');
    if (s.allOf) return s.allOf.map((alt) => parenthesize(type(alt))).join(' & ');
    const types = Array.isArray(s.type) ? s.type : [s.type];
    return types.map((t) => {
      switch (t) {
        case 'object': return object(s);
        case 'array': {
          const item = parenthesize(type(s.items || true));
          // A pair such as [lower, upper]: a tuple.
          if (s.minItems !== undefined && s.minItems === s.maxItems && s.maxItems <= 4) {
            return `[${Array(s.maxItems).fill(item).join(', ')}]`;
          }
          return `${item}[]`;
        }
        case 'string': return 'string';
        case 'integer': case 'number': return 'number';
        case 'boolean': return 'boolean';
        case 'null': return 'null';
        case undefined: return s.properties ? object(s) : 'unknown';
        default: throw new Error(`${kind}: unsupported type ${t}`);
      }
    }).join(' | ');
  }

  const parenthesize = (t) => (/^[\w".[\]<>, ]+$/.test(t) && !t.includes(' | ') ? t : `(${t})`);

  const out = [];
  for (const [def, sub] of Object.entries(schema.$defs || {})) {
    let t = type(sub);
    if (def === 'amount' && INPUT_KINDS.has(kind)) t = `${t} | bigint`;
    out.push(`${comment(sub, '')}export type ${defName(def)} = ${t};`);
  }
  out.push(`/** ${schema.title}: ${schema.description} */\nexport type ${name} = ${type({ ...schema, $defs: undefined })};`);
  return out.join('\n\n');
}

function main([schemaDir, apiTemplate, outDir]) {
  const schemas = Object.fromEntries(readdirSync(schemaDir).filter((f) => f.endsWith('.schema.json')).sort()
    .map((f) => [f.slice(0, -'.schema.json'.length), JSON.parse(readFileSync(path.join(schemaDir, f), 'utf8'))]));
  const ids = new Map(Object.entries(schemas).map(([kind, s]) => [s.$id, kind]));
  const parts = Object.keys(TYPE_NAMES).filter((k) => schemas[k]).map((k) => declarations(k, schemas[k], ids));
  const missing = Object.keys(schemas).filter((k) => !TYPE_NAMES[k]);
  if (missing.length) throw new Error(`no type name for the schema(s) ${missing.join(', ')}`);
  const text = `// Generated from the JSON Schemas by tools/schema-types.mjs at build time; do not edit.\n\n` +
    `${parts.join('\n\n')}\n\n${readFileSync(apiTemplate, 'utf8')}`;
  mkdirSync(outDir, { recursive: true });
  for (const file of ['index.d.ts', 'index.d.cts']) writeFileSync(path.join(outDir, file), text);
}

main(process.argv.slice(2));
