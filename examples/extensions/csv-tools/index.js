'use strict';
// CSV tools: the entry code of a Conductor extension. It runs in the agent sandbox with no
// imports; the sandbox calls exports.kinds[kind](ctx) for a step of that kind.

/**
 * Splits CSV text into rows of fields (RFC 4180, leniently): a field in double quotes may hold
 * the delimiter, line breaks and doubled quotes (""); lines end in LF, CRLF or CR; a leading
 * byte-order mark is dropped. Blank lines are skipped.
 */
function splitCsv(text, delimiter) {
  const rows = [];
  let row = [];
  let field = '';
  let quoted = false;
  // A field that was quoted is a field even when empty ("" on a line of its own is one row).
  let fieldWasQuoted = false;
  let i = text.charCodeAt(0) === 0xfeff ? 1 : 0;
  const endRow = () => {
    row.push(field);
    if (row.length > 1 || row[0] !== '' || fieldWasQuoted) rows.push(row);
    row = [];
    field = '';
    fieldWasQuoted = false;
  };
  while (i < text.length) {
    const c = text[i];
    if (quoted) {
      if (c === '"' && text[i + 1] === '"') {
        field += '"';
        i += 2;
      } else if (c === '"') {
        quoted = false;
        i += 1;
      } else {
        field += c;
        i += 1;
      }
    } else if (c === '"' && field === '' && !fieldWasQuoted) {
      quoted = true;
      fieldWasQuoted = true;
      i += 1;
    } else if (c === delimiter) {
      row.push(field);
      field = '';
      fieldWasQuoted = false;
      i += 1;
    } else if (c === '\r' || c === '\n') {
      endRow();
      i += c === '\r' && text[i + 1] === '\n' ? 2 : 1;
    } else {
      field += c;
      i += 1;
    }
  }
  if (quoted) throw new Error('the CSV ends inside a quoted field: a " was opened and never closed. Close it, or double it ("") to mean a quote.');
  if (field !== '' || row.length > 0 || fieldWasQuoted) endRow();
  return rows;
}

/** Header names made usable as keys: blanks get column_N, repeats get _2, _3… */
function columnNames(header, width) {
  const names = [];
  const seen = new Set();
  for (let c = 0; c < width; c++) {
    const base = (header[c] ?? '').trim() || `column_${c + 1}`;
    let name = base;
    for (let n = 2; seen.has(name); n++) name = `${base}_${n}`;
    seen.add(name);
    names.push(name);
  }
  return names;
}

/** A row object; defineProperty so a column named __proto__ is a column, not the prototype. */
function rowObject(names, fields) {
  const row = {};
  names.forEach((name, c) => Object.defineProperty(row, name, { value: fields[c] ?? '', enumerable: true, writable: true, configurable: true }));
  return row;
}

function toTable(text, delimiter, header) {
  const rows = splitCsv(text, delimiter);
  const width = rows.reduce((most, r) => Math.max(most, r.length), 0);
  const names = header ? columnNames(rows[0] ?? [], width) : columnNames([], width);
  return (header ? rows.slice(1) : rows).map((fields) => rowObject(names, fields));
}

exports.kinds = {
  'parse-csv': async function parseCsv(ctx) {
    const text = ctx.inputs.csv;
    if (typeof text !== 'string') throw new Error(`the input “csv” must be text, but it is ${text === null ? 'null' : typeof text}. Connect a text output to it.`);
    const delimiter = ctx.settings.delimiter ?? ',';
    const header = ctx.settings.header ?? true;
    if (delimiter.length !== 1 || delimiter === '"' || delimiter === '\r' || delimiter === '\n') {
      throw new Error(`the delimiter must be one character other than a quote or a line break, not ${JSON.stringify(delimiter)}. Change it in the step's settings.`);
    }
    const table = toTable(text, delimiter, header);
    if (table.length === 0) throw new Error(header ? 'the CSV has no data rows (at most a header line), and a table needs at least one row.' : 'the CSV is empty, and a table needs at least one row.');
    ctx.log(`parsed ${table.length} row${table.length === 1 ? '' : 's'} of ${Object.keys(table[0]).length} column${Object.keys(table[0]).length === 1 ? '' : 's'}`);
    ctx.emit('table', table);
  },
};
