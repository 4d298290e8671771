/**
 * Declarations of the five standard routes of a tenant-owned resource (list, create, get,
 * update with version, delete with version), so each resource module only wires handlers.
 */
import { createRoute } from '@hono/zod-openapi';
import { z } from 'zod';
import { errors, jsonBody, jsonResponse, TenantIdParams, TenantParams, VersionQuery } from './openapi.ts';

/** What differs between resources. */
export interface CrudSpec<
  Base extends string,
  Item extends z.ZodType,
  Create extends z.ZodType,
  Patch extends z.ZodType,
  List extends z.ZodType,
  Query extends z.ZodObject,
> {
  base: Base;
  tag: string;
  /** Singular noun for summaries, e.g. 'cause'. */
  noun: string;
  item: Item;
  create: Create;
  patch: Patch;
  /** Response of the list route (an array or a page). */
  list: List;
  listQuery: Query;
  listSummary: string;
  deleteSummary?: string;
}

/** The five route declarations of a resource. */
export function crudRoutes<
  Base extends string,
  Item extends z.ZodType,
  Create extends z.ZodType,
  Patch extends z.ZodType,
  List extends z.ZodType,
  Query extends z.ZodObject,
>(s: CrudSpec<Base, Item, Create, Patch, List, Query>) {
  const tags = [s.tag];
  const one = `${s.base}/{id}` as `${Base}/{id}`;
  return {
    list: createRoute({
      method: 'get',
      path: s.base,
      tags,
      summary: s.listSummary,
      request: { params: TenantParams, query: s.listQuery },
      responses: { 200: jsonResponse(s.list, `The ${s.noun} list`), 400: errors[400], 404: errors[404] },
    }),
    create: createRoute({
      method: 'post',
      path: s.base,
      tags,
      summary: `Create a ${s.noun}`,
      request: { params: TenantParams, body: jsonBody(s.create) },
      responses: {
        201: jsonResponse(s.item, 'Created'),
        400: errors[400],
        404: errors[404],
        409: errors[409],
      },
    }),
    get: createRoute({
      method: 'get',
      path: one,
      tags,
      summary: `Get a ${s.noun}`,
      request: { params: TenantIdParams },
      responses: { 200: jsonResponse(s.item, `The ${s.noun}`), 404: errors[404] },
    }),
    patch: createRoute({
      method: 'patch',
      path: one,
      tags,
      summary: `Update a ${s.noun} (optimistic locking on version)`,
      request: { params: TenantIdParams, body: jsonBody(s.patch) },
      responses: {
        200: jsonResponse(s.item, 'Updated'),
        400: errors[400],
        404: errors[404],
        409: errors[409],
      },
    }),
    remove: createRoute({
      method: 'delete',
      path: one,
      tags,
      summary: s.deleteSummary ?? `Delete a ${s.noun} (optimistic locking on version)`,
      request: { params: TenantIdParams, query: VersionQuery },
      responses: { 204: { description: 'Deleted' }, 404: errors[404], 409: errors[409] },
    }),
  };
}

/** A list route without query parameters. */
export const NoQuery = z.object({});
