// Significant cells that touch (side or corner) and share a kind — hot, cold, or one emerging
// pattern — form one place: "centrala Osby, 12 rutor, 340 händelser" reads better than twelve
// rows of neighbouring cells. Pure; row-major or any order in, groups strongest first out.

/** Connected groups (8-neighbourhood) of cells with the same key; each group keeps its input order. */
export function groupCells<T extends { ix: number; iy: number }>(rows: readonly T[], key: (r: T) => string): T[][] {
  const at = new Map<string, number>();
  for (let i = 0; i < rows.length; i++) at.set(`${(rows[i] as T).ix}_${(rows[i] as T).iy}`, i);
  const seen = new Uint8Array(rows.length);
  const groups: T[][] = [];
  for (let start = 0; start < rows.length; start++) {
    if (seen[start]) continue;
    const k = key(rows[start] as T);
    const members: number[] = [start];
    seen[start] = 1;
    for (let head = 0; head < members.length; head++) {
      const r = rows[members[head] as number] as T;
      for (let dy = -1; dy <= 1; dy++) {
        for (let dx = -1; dx <= 1; dx++) {
          if (dx === 0 && dy === 0) continue;
          const j = at.get(`${r.ix + dx}_${r.iy + dy}`);
          if (j === undefined || seen[j] || key(rows[j] as T) !== k) continue;
          seen[j] = 1;
          members.push(j);
        }
      }
    }
    members.sort((a, b) => a - b);
    groups.push(members.map((i) => rows[i] as T));
  }
  return groups;
}

/** The incident-weighted centre of a group (the plain centre when it has no incidents). */
export function groupCentre(cells: readonly { lat: number; lon: number; count: number }[]): { lat: number; lon: number } {
  let w = 0;
  let lat = 0;
  let lon = 0;
  for (const c of cells) {
    w += c.count;
    lat += c.lat * c.count;
    lon += c.lon * c.count;
  }
  if (w > 0) return { lat: lat / w, lon: lon / w };
  const n = cells.length || 1;
  return { lat: cells.reduce((s, c) => s + c.lat, 0) / n, lon: cells.reduce((s, c) => s + c.lon, 0) / n };
}
