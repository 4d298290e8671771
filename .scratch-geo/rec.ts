import { OpenAPIHono, createRoute } from '@hono/zod-openapi';
import { z } from 'zod';
interface Node { id: number; children: Node[] }
const NodeSchema: z.ZodType<Node> = z.object({
  id: z.number().int(),
  get children() { return z.array(NodeSchema); },
}).meta({ id: 'GeoUnitTreeNode' });
const app = new OpenAPIHono();
const r = createRoute({ method: 'get', path: '/t', responses: { 200: { content: { 'application/json': { schema: z.object({ items: z.array(NodeSchema) }) } }, description: 'x' } } });
app.openapi(r, (c) => c.json({ items: [{ id: 1, children: [{ id: 2, children: [] }] }] }, 200));
const doc = app.getOpenAPI31Document({ openapi: '3.1.0', info: { title: 'x', version: '1' } });
console.log(JSON.stringify(doc.components, null, 1));
const res = await app.request('/t'); console.log(await res.text());
