// Reads a JSON array of strings on stdin and writes, for each, how the WHATWG
// URL Standard (Node's built-in URL) parses it: the serialized origin and the
// parts an origin is made of, or the error. One process serves a whole batch.
// No npm packages: the URL class is Node's own (Ada in Node >= 18.17).
"use strict";

const chunks = [];
process.stdin.on("data", (c) => chunks.push(c));
process.stdin.on("end", () => {
  const inputs = JSON.parse(Buffer.concat(chunks).toString("utf8"));
  const out = inputs.map((s) => {
    let u;
    try {
      u = new URL(s);
    } catch (e) {
      return { err: String(e.code || e.name) };
    }
    return {
      origin: u.origin,
      protocol: u.protocol,
      username: u.username,
      password: u.password,
      hostname: u.hostname,
      port: u.port,
      pathname: u.pathname,
      search: u.search,
      hash: u.hash,
      href: u.href,
    };
  });
  process.stdout.write(JSON.stringify({ node: process.version, results: out }));
});
