// The CSV of the group tools' --export and --from-file, as Kafka writes it (Jackson's CsvMapper
// with its default quoting): a value longer than 24 characters, or with a character below '-'
// (a comma, a quote, a space, ...), is quoted, a quote in it doubled; others are written as they are.

/** One value as Kafka's --export writes it. */
export function csvCell(value: string): string {
  const quote = value.length > 24 || [...value].some((c) => c < '-');
  return quote ? `"${value.replace(/"/g, '""')}"` : value;
}

/** The values of one line of a reset plan file: commas separate them, outside quotes; a quoted value may hold `""` for a quote. */
export function csvCells(line: string): string[] {
  const cells: string[] = [];
  let cell = '';
  let quoted = false;
  for (let i = 0; i < line.length; i++) {
    const c = line[i];
    if (quoted) {
      if (c === '"' && line[i + 1] === '"') {
        cell += '"';
        i++;
      } else if (c === '"') quoted = false;
      else cell += c;
    } else if (c === '"' && cell.trim() === '') {
      quoted = true;
      cell = '';
    } else if (c === ',') {
      cells.push(cell.trim());
      cell = '';
    } else cell += c;
  }
  cells.push(quoted ? cell : cell.trim());
  return cells;
}
