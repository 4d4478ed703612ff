// server.js: a SCIM 2.0 service for the interoperability tests of Seats
//
// Copyright 2026 The Seats developers
//
// SPDX-License-Identifier: GPL-3.0-or-later
//
// The protocol (resources, filters, PATCH, ListResponse, errors, Bulk, Schemas,
// ResourceTypes, ServiceProviderConfig) is SCIMMY's, served by scimmy-routers.
// This file only adds an in-memory user store, authentication, knobs that make
// the service behave like various real ones, and a /_control API for tests.
// Run `node server.js --help` for the options.

import {parseArgs} from "node:util";
import {createHash, randomUUID} from "node:crypto";
import express from "express";
import SCIMMY from "scimmy";
import SCIMMYRouters from "scimmy-routers";

const USAGE = `usage: node server.js --auth bearer:TOKEN|basic:USER:PASSWORD [options]
  --port N               port on 127.0.0.1 (default 0: any free port)
  --base PATH            SCIM base path (default scim/v2; '' serves at the root)
  --readonly-token TOKEN second credential whose writes get 403 (Bearer TOKEN,
                         or Basic USER:TOKEN when --auth is basic)
  --users N              seed N users (default 0)
  --max-results N        filter.maxResults and the page size cap (default 200)
  --no-total             omit totalResults from ListResponse
  --no-filter            filter.supported=false; requests with a filter get 400
  --no-patch             patch.supported=false; PATCH gets 501
  --etag | --no-etag     etag.supported, meta.version, ETag and If-Match (default on)
  --bulk N               bulk.supported=true with maxOperations N
  --latency MS           delay every SCIM request by MS milliseconds`;

const die = (message) => {
    console.error(`${message}\n${USAGE}`);
    process.exit(2);
};

let args;
try {
    args = parseArgs({
        strict: true,
        options: {
            "help": {type: "boolean"},
            "port": {type: "string", default: "0"},
            "base": {type: "string", default: "scim/v2"},
            "auth": {type: "string"},
            "readonly-token": {type: "string"},
            "users": {type: "string", default: "0"},
            "max-results": {type: "string", default: "200"},
            "no-total": {type: "boolean", default: false},
            "no-filter": {type: "boolean", default: false},
            "no-patch": {type: "boolean", default: false},
            "etag": {type: "boolean"},
            "no-etag": {type: "boolean"},
            "bulk": {type: "string", default: "0"},
            "latency": {type: "string", default: "0"},
        },
    }).values;
} catch (ex) {
    die(ex.message);
}
if (args.help) {
    console.log(USAGE);
    process.exit(0);
}

const integer = (name) => {
    const value = Number(args[name]);
    if (!Number.isInteger(value) || value < 0) die(`--${name} expects a non-negative integer`);
    return value;
};
const opts = {
    port: integer("port"),
    base: args.base.replace(/^\/+|\/+$/g, ""),
    users: integer("users"),
    maxResults: integer("max-results"),
    total: !args["no-total"],
    filter: !args["no-filter"],
    patch: !args["no-patch"],
    etag: !args["no-etag"] || !!args.etag,
    bulk: integer("bulk"),
    latency: integer("latency"),
    readonlyToken: args["readonly-token"],
};
const [scheme, ...secret] = (args.auth ?? "").split(":");
if (!(scheme === "bearer" && secret.length >= 1 && secret.join(":")) && !(scheme === "basic" && secret.length >= 2 && secret[0]))
    die("--auth expects bearer:TOKEN or basic:USER:PASSWORD");
// Authorization header values, with the scheme lower-cased (it is case-insensitive)
const credential = (password) => (scheme === "bearer" ? `bearer ${password}`
    : `basic ${Buffer.from(`${secret[0]}:${password}`).toString("base64")}`);
const fullCredential = credential(scheme === "bearer" ? secret.join(":") : secret.slice(1).join(":"));
const readonlyCredential = (opts.readonlyToken ? credential(opts.readonlyToken) : undefined);

// ---------------------------------------------------------------------------
// In-memory user store: plain SCIM-shaped objects keyed by id.

const users = new Map();
let versionCounter = 0;
let lastStamp = 0;

// Strictly increasing "now", so every change gets a distinct lastModified.
const now = () => new Date(lastStamp = Math.max(Date.now(), lastStamp + 1)).toISOString();

// Give a user a new lastModified and (with etags) an opaque version.
const bump = (user, when = now()) => {
    user.meta.lastModified = when;
    if (opts.etag) {
        versionCounter++;
        const tag = createHash("sha1").update(`${user.id}:${versionCounter}`).digest("hex").slice(0, 6);
        user.meta.version = `W/"${tag}-${versionCounter}"`;
    }
    return user;
};

// Seeded users: deterministic ids, names and timestamps (one minute apart from 2024-01-01).
for (let i = 1; i <= opts.users; i++) {
    const n = String(i).padStart(5, "0");
    const hex = createHash("sha1").update(`seed-user-${i}`).digest("hex");
    const id = `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20, 32)}`;
    const created = new Date(Date.UTC(2024, 0, 1) + i * 60000);
    users.set(id, bump({
        id,
        userName: `user${n}@example.test`,
        name: {givenName: `Given${n}`, familyName: `Family${n}`},
        displayName: `Given${n} Family${n}`,
        emails: [{value: `user${n}@example.test`, type: "work", primary: true}],
        // every 7th user is inactive, and every 11th has no "active" attribute at all
        ...(i % 11 === 0 ? {} : {active: i % 7 !== 0}),
        meta: {resourceType: "User", created: created.toISOString().replace(".000Z", "Z")},
    }, new Date(created.getTime() + 30000).toISOString().replace(".000Z", "Z")));
}

const sameVersion = (a, b) => a.trim().replace(/^W\//, "") === b.replace(/^W\//, "");
const checkIfMatch = (ctx, user) => {
    const wanted = ctx?.ifMatch;
    if (opts.etag && wanted && wanted.trim() !== "*" && !wanted.split(",").some((v) => sameVersion(v, user.meta.version)))
        throw new SCIMMY.Types.Error(412, null, `Failed to update: resource ${user.id} has changed (version ${user.meta.version})`);
};
const findUser = (id) => {
    const user = users.get(id);
    if (!user) throw new SCIMMY.Types.Error(404, null, `Resource ${id} not found`);
    return user;
};

// SCIMMY's Filter compares strings case-sensitively; RFC 7643 §2.1 says caseExact=false
// attributes (userName, emails.value, ...) compare case-insensitively. So we match
// SCIMMY's parsed filter against lower-cased copies of those values.
const userSchema = SCIMMY.Schemas.User.definition;
const caselessPaths = new Map();
const caseless = (path) => {
    if (!caselessPaths.has(path)) {
        let attribute;
        try {
            attribute = userSchema.attribute(path);
        } catch {
            // not an attribute of the schema
        }
        caselessPaths.set(path, String(attribute?.type) === "string" && !attribute.config.caseExact);
    }
    return caselessPaths.get(path);
};
const fold = (string, path) => (typeof string === "string" && caseless(path) ? string.toLowerCase() : string);
const isNode = (v) => Array.isArray(v) || (v !== null && typeof v === "object");
const foldRecord = (value, path = "") => (Array.isArray(value) ? value.map((v) => foldRecord(v, path))
    : isNode(value) ? Object.fromEntries(Object.entries(value).map(([k, v]) => [k, foldRecord(v, path ? `${path}.${k}` : k)]))
    : fold(value, path));
const foldFilter = (expr, path = "") => {
    if (Array.isArray(expr) && !expr.some(isNode)) {
        // a single comparison: [("not",) comparator, expected]
        const at = (String(expr[0]).toLowerCase() === "not" ? 2 : 1);
        return expr.map((v, i) => (i === at ? fold(v, path) : v));
    }
    if (Array.isArray(expr)) return expr.map((e) => foldFilter(e, path));
    return Object.fromEntries(Object.entries(expr).map(([k, v]) => [k, foldFilter(v, path ? `${path}.${k}` : k)]));
};
const matching = (filter, list) => {
    const folded = new SCIMMY.Types.Filter(foldFilter([...filter]));
    // SCIMMY's Filter throws a TypeError on a complex attribute that a resource lacks; that resource does not match
    return list.filter((user) => {
        try {
            return folded.match([foldRecord(user)]).length > 0;
        } catch {
            return false;
        }
    });
};

const storedAttributes = (instance) => {
    const {schemas, id, meta, ...data} = JSON.parse(JSON.stringify(instance));
    return data;
};
const assertUniqueUserName = (userName, id) => {
    const taken = [...users.values()].find((u) => u.id !== id && u.userName?.toLowerCase() === userName?.toLowerCase());
    if (taken) throw new SCIMMY.Types.Error(409, "uniqueness", `userName ${userName} is already taken`);
};

// SCIMMY's ListResponse shows 20 resources per page when the request has no count.
const SCIMMY_DEFAULT_COUNT = 20;

SCIMMY.Resources.declare(SCIMMY.Resources.User, {
    // read: GET /Users, GET /Users/{id}, and the read half of PATCH
    egress(resource) {
        if (resource.id) return structuredClone(findUser(resource.id));
        if (resource.filter && !opts.filter)
            throw new SCIMMY.Types.Error(400, "invalidFilter", "Filtering is not supported by this service provider");
        const all = [...users.values()];
        const found = (resource.filter ? matching(resource.filter, all) : all);
        const constraints = (resource.constraints ??= {});
        constraints.count = Math.min(constraints.count ?? SCIMMY_DEFAULT_COUNT, opts.maxResults);
        // SCIMMY's ListResponse returns the first page when startIndex is past the end;
        // an empty array of the right length gives an empty page with the true totalResults.
        if ((constraints.startIndex ?? 1) > found.length) return new Array(found.length);
        // SCIMMY wraps these in a ListResponse, which sorts and slices by startIndex/count
        return structuredClone(found);
    },
    // write: POST, PUT and the write half of PATCH (SCIMMY hands over the whole patched resource)
    ingress(resource, instance, ctx) {
        const data = storedAttributes(instance);
        assertUniqueUserName(data.userName, resource.id);
        if (!resource.id) {
            const when = now();
            const user = bump({id: randomUUID(), ...data, meta: {resourceType: "User", created: when}}, when);
            users.set(user.id, user);
            return structuredClone(user);
        }
        const user = findUser(resource.id);
        checkIfMatch(ctx, user);
        const {id, meta, ...current} = user;
        if (JSON.stringify(current) !== JSON.stringify(data)) {
            users.set(id, bump({id, ...data, meta}));
        }
        return structuredClone(users.get(id));
    },
    // delete: DELETE /Users/{id}
    degress(resource, ctx) {
        checkIfMatch(ctx, findUser(resource.id));
        users.delete(resource.id);
    },
});

// ---------------------------------------------------------------------------
// HTTP

const ERROR_SCHEMA = "urn:ietf:params:scim:api:messages:2.0:Error";
const LIST_SCHEMA = "urn:ietf:params:scim:api:messages:2.0:ListResponse";

const scimRouter = new SCIMMYRouters({
    type: scheme,
    handler(req) {
        const given = req.get("authorization")?.trim().replace(/^(\S+)\s+/, (m, s) => `${s.toLowerCase()} `);
        if (given === fullCredential) return;
        if (given && given === readonlyCredential) {
            req.readOnly = true;
            return;
        }
        req.res.set("WWW-Authenticate", scheme === "bearer"
            ? `Bearer realm="scim"${given ? ', error="invalid_token"' : ""}` : 'Basic realm="scim"');
        throw new Error(given ? "Invalid credentials" : "Authorization required");
    },
    // Evaluated for every resource operation; the result reaches ingress/egress/degress as ctx.
    context(req) {
        const write = req.method !== "GET" && !req.path.endsWith("/.search");
        if (write && req.readOnly)
            throw new SCIMMY.Types.Error(403, null, "These credentials are read-only");
        if (req.method === "PATCH" && !opts.patch)
            throw new SCIMMY.Types.Error(501, null, "PATCH is not supported by this service provider");
        return {ifMatch: req.get("if-match")};
    },
    baseUri: (req) => `${req.protocol}://${req.get("host")}`,
});

// scimmy-routers marks patch, filter, sort and bulk as supported; set what we really do.
SCIMMY.Config.set({
    patch: opts.patch,
    filter: {supported: opts.filter, maxResults: opts.maxResults},
    sort: true,
    bulk: opts.bulk ? {supported: true, maxOperations: opts.bulk} : false,
    etag: opts.etag,
    changePassword: false,
});

const scimError = (res, status, detail, headers = {}) => {
    let body;
    try {
        body = new SCIMMY.Messages.Error({status, detail});
    } catch {
        // SCIMMY only knows the RFC 7644 §3.12 status codes (no 429 or 503)
        body = {schemas: [ERROR_SCHEMA], status: String(status), detail};
    }
    res.status(status).set(headers).type("application/scim+json").send(JSON.stringify(body));
};

let fault = null;
const requestLog = [];

const app = express();
app.disable("x-powered-by");
app.set("etag", false);

// Test control API, outside the SCIM base and without authentication.
const control = express.Router();
control.use(express.json());
control.post("/fault", (req, res) => {
    const {status = 503, retryAfter, count = 1, path} = req.body ?? {};
    if (!Number.isInteger(status) || status < 400 || status > 599 || !Number.isInteger(count))
        return res.status(400).json({error: "expected {status: 400..599, retryAfter?, count?: integer, path?}"});
    fault = {status, retryAfter, count, path};
    res.json(fault);
});
control.delete("/fault", (req, res) => {
    fault = null;
    res.status(204).end();
});
control.get("/users", (req, res) => res.json([...users.values()]));
control.post("/users/:id/touch", (req, res) => {
    const user = users.get(req.params.id);
    if (!user) return res.status(404).json({error: "no such user"});
    const changes = req.body ?? {};
    if (Object.keys(changes).length) {
        // a JSON body is merged into the user (null removes an attribute)
        for (const [key, value] of Object.entries(changes)) {
            if (["id", "meta"].includes(key)) continue;
            if (value === null) delete user[key];
            else user[key] = value;
        }
    } else {
        const familyName = `${user.name?.familyName ?? "Family"}*`;
        user.name = {...user.name, familyName};
        user.displayName = `${user.name.givenName ?? ""} ${familyName}`.trim();
    }
    res.json(bump(user));
});
control.delete("/users/:id", (req, res) => res.status(users.delete(req.params.id) ? 204 : 404).end());
control.get("/requests", (req, res) => res.json(requestLog));
app.use("/_control", control);

const mount = `/${opts.base}`;
app.use(mount, (req, res, next) => {
    const entry = {method: req.method, url: req.originalUrl};
    requestLog.push(entry);
    if (requestLog.length > 1000) requestLog.shift();
    res.on("finish", () => (entry.status = res.statusCode));
    setTimeout(next, opts.latency);
});
app.use(mount, (req, res, next) => {
    if (!fault || fault.count <= 0 || (fault.path && !req.originalUrl.includes(fault.path))) return next();
    const {status, retryAfter} = fault;
    if (--fault.count <= 0) fault = null;
    scimError(res, status, `Injected fault ${status}`, retryAfter !== undefined ? {"Retry-After": String(retryAfter)} : {});
});
// Post-process SCIMMY's JSON: ETag and Location headers, and the --no-total quirk.
app.use(mount, (req, res, next) => {
    const json = res.json.bind(res);
    res.json = (message) => {
        if (message === undefined) return json(message);
        const body = JSON.parse(JSON.stringify(message));
        if (res.statusCode < 300 && opts.etag && body?.meta?.version) res.set("ETag", body.meta.version);
        if (res.statusCode === 201 && body?.meta?.location) res.location(body.meta.location);
        if (!opts.total && body?.schemas?.includes(LIST_SCHEMA)) delete body.totalResults;
        return json(body);
    };
    next();
});
app.use(mount, scimRouter);
app.use((req, res) => scimError(res, 404, "Endpoint Not Found"));
app.use((ex, req, res, next) => {
    // scimmy-routers passes on 5xx errors after answering them; log only unexpected ones
    if (res.headersSent) return (ex instanceof SCIMMY.Types.Error ? undefined : console.error(ex));
    scimError(res, ex.status ?? 500, ex.message);
});

const server = app.listen(opts.port, "127.0.0.1", () => {
    console.log(`Listening on http://127.0.0.1:${server.address().port}/${opts.base}`);
});
server.on("error", (ex) => {
    console.error(ex.message);
    process.exit(1);
});
for (const signal of ["SIGTERM", "SIGINT"]) process.on(signal, () => {
    server.close(() => process.exit(0));
    server.closeAllConnections();
});
