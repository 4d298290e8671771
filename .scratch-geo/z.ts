import { z } from 'zod';
const Lon = z.number().min(-180, 'longitude must be at least -180').max(180, 'longitude must be at most 180');
const Lat = z.number().min(-90, 'latitude must be at least -90').max(90, 'latitude must be at most 90');
const Pos = z.tuple([Lon, Lat], z.number());
const Ring = z.array(Pos).min(4).refine((r) => r.length < 4 || (r[0]![0] === r.at(-1)![0] && r[0]![1] === r.at(-1)![1]), 'ring not closed');
const Poly = z.object({ type: z.literal('Polygon'), coordinates: z.array(Ring).min(1) });
const Multi = z.object({ type: z.literal('MultiPolygon'), coordinates: z.array(z.array(Ring).min(1)).min(1) });
const G = z.discriminatedUnion('type', [Poly, Multi]);
const S = z.strictObject({ geometry: G.nullable().optional() });
for (const g of [{ type: 'Point', coordinates: [1, 2] }, { type: 'Polygon', coordinates: [[[0,0],[1,0],[1,'x'],[0,0]]] }, { type: 'Polygon', coordinates: [[[0,0],[200,0],[1,1],[0,0]]] }, 'abc', { type: 'Polygon', coordinates: [[[0,0],[1,0],[1,1],[0,1]]] }, { type: 'Polygon', coordinates: [[[0],[1,0],[1,1],[0,0]]] }]) {
  const r = S.safeParse({ geometry: g });
  console.log(JSON.stringify(r.error?.issues.map(i => [i.path.join('.'), i.code, i.message])));
}
