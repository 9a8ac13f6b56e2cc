// The OpenAPI document: a well-formed 3.1 document whose search parameters are exactly the query schema's fields.
import { describe, expect, it } from "vitest";
import { MULTI_FILTERS, SearchQuerySchema, SORTS } from "../../src/domain/search/query.ts";
import { REGIONS } from "../../src/domain/catalog/vocabulary.ts";
import { buildOpenApiDocument } from "../../src/server/openapi.ts";

type Json = Record<string, unknown>;
const doc = buildOpenApiDocument() as Json & { paths: Record<string, Record<string, Json>>; components: { schemas: Json } };
const searchGet = doc.paths["/api/v1/search"]!.get!;
const parameters = searchGet.parameters as Array<{ name: string; in: string; schema: Json; style?: string; explode?: boolean }>;

/** Every $ref anywhere in the document. */
function refsOf(value: unknown, found: string[] = []): string[] {
  if (Array.isArray(value)) for (const item of value) refsOf(item, found);
  else if (value && typeof value === "object") {
    for (const [key, inner] of Object.entries(value)) {
      if (key === "$ref" && typeof inner === "string") found.push(inner);
      else refsOf(inner, found);
    }
  }
  return found;
}

describe("OpenAPI document", () => {
  it("is OpenAPI 3.1.0 with info and a relative server", () => {
    expect(doc.openapi).toBe("3.1.0");
    expect(doc.info).toMatchObject({ title: expect.any(String), version: expect.any(String) });
    expect(doc.servers).toEqual([{ url: "/" }]);
  });

  it("gives every operation responses with descriptions and a unique operationId", () => {
    const ids = new Set<string>();
    for (const [path, item] of Object.entries(doc.paths)) {
      expect(path.startsWith("/"), path).toBe(true);
      for (const [method, operation] of Object.entries(item)) {
        expect(["get", "put", "post", "delete", "patch", "head", "options"]).toContain(method);
        const responses = operation.responses as Record<string, { description?: string }>;
        expect(Object.keys(responses).length, `${method} ${path}`).toBeGreaterThan(0);
        for (const [status, response] of Object.entries(responses)) {
          expect(status).toMatch(/^[1-5]\d\d$/);
          expect(response.description, `${method} ${path} ${status}`).toBeTruthy();
        }
        const id = operation.operationId as string;
        expect(ids.has(id), id).toBe(false);
        ids.add(id);
      }
    }
    expect(Object.keys(doc.paths)).toEqual(expect.arrayContaining(["/api/v1/search", "/healthz"]));
  });

  it("documents exactly the fields of SearchQuerySchema as query parameters", () => {
    expect(parameters.map((p) => p.name).sort()).toEqual(Object.keys(SearchQuerySchema.shape).sort());
    for (const p of parameters) expect(p.in).toBe("query");
  });

  it("documents multi-valued filters as exploded form arrays with the vocabulary's enums", () => {
    for (const name of MULTI_FILTERS) {
      const p = parameters.find((x) => x.name === name)!;
      expect(p, name).toMatchObject({ style: "form", explode: true, schema: { type: "array" } });
    }
    const regions = parameters.find((p) => p.name === "regions")!;
    expect((regions.schema.items as Json).enum).toEqual(REGIONS.map((r) => r.id));
    expect(parameters.find((p) => p.name === "sort")!.schema.enum).toEqual([...SORTS]);
    expect(parameters.find((p) => p.name === "page")!.schema).toMatchObject({ type: "integer", minimum: 1 });
  });

  it("has a 200 and a 400 schema for search, and every $ref resolves", () => {
    const responses = searchGet.responses as Record<string, Json>;
    expect(responses["200"]).toBeDefined();
    expect(responses["400"]).toBeDefined();
    const refs = refsOf(doc);
    expect(refs.length).toBeGreaterThan(0);
    for (const ref of refs) {
      const name = ref.replace("#/components/schemas/", "");
      expect(ref.startsWith("#/components/schemas/"), ref).toBe(true);
      expect(doc.components.schemas[name], ref).toBeDefined();
    }
    const response = doc.components.schemas.SearchResponse as { properties: Json; required: string[] };
    expect(response.required).toEqual(
      expect.arrayContaining(["hits", "facets", "total", "page", "totalPages", "degraded"]),
    );
    const hit = (response.properties.hits as { items: { required: string[] } }).items;
    expect(hit.required).toEqual(
      expect.arrayContaining(["slug", "name", "headline", "services", "rating", "reviewCount", "url", "delegatedAdmin"]),
    );
  });

  it("is plain JSON (serializes and parses back unchanged)", () => {
    expect(JSON.parse(JSON.stringify(doc))).toEqual(doc);
    expect(JSON.stringify(doc)).not.toContain('"$schema"');
  });
});
