'use strict'
// Differential-test oracle for gincors: Express + the npm `cors` package,
// configured from JSON. Adapted from shared/tools/express-oracle for the
// conformance test (see ../README.md): the handler marks its responses with
// X-Handler-Ran, cors marks the responses it ended itself with X-Cors-Ended,
// and the config knows $use and $group.
//
//   node oracle.js <port> [<config-json> | @<file> | -]
//
// port 0 picks a free port. Without a config argument (or with "-") the config
// is read from stdin until EOF; if stdin is a TTY, {} is used.
// When ready, prints exactly one line to stdout:
//   ORACLE_LISTENING 127.0.0.1:<port>
// PUT /__oracle/config with a JSON body replaces the config at runtime (204).
// Config format: shared/tools/express-oracle/README.md, plus $use and $group
// (buildRouter below).

var fs = require('fs')
var express = require('express')
var cors = require('cors')

// origin: true | false | "str" | {"regex": "src", "flags": "i"} | [ ...strings/regex objects ]
//   | {"fn": "const", "value": <origin value>}  -> function (o, cb) { cb(null, value) }
//   | {"fn": "echo"}                            -> cb(null, requestOrigin)
//   | {"fn": "allowList", "list": [...]}        -> cb(null, list.includes(requestOrigin))
//   | {"fn": "error", "message": "m"}           -> cb(new Error(m))
function decodeOrigin (v) {
  if (Array.isArray(v)) return v.map(decodeOrigin)
  if (v && typeof v === 'object') {
    if (typeof v.regex === 'string') return new RegExp(v.regex, v.flags || '')
    switch (v.fn) {
      case 'const': {
        var val = decodeOrigin(v.value)
        return function (o, cb) { cb(null, val) }
      }
      case 'echo': return function (o, cb) { cb(null, o) }
      case 'allowList': return function (o, cb) { cb(null, (v.list || []).indexOf(o) !== -1) }
      case 'error': return function (o, cb) { cb(new Error(v.message || 'origin error')) }
    }
    throw new Error('unknown origin form: ' + JSON.stringify(v))
  }
  return v
}

// Keys starting with "$" are harness settings; everything else goes to cors().
function decodeOptions (raw) {
  var o = {}
  Object.keys(raw || {}).forEach(function (k) {
    if (k.charAt(0) === '$') return
    o[k] = k === 'origin' ? decodeOrigin(raw[k]) : raw[k]
  })
  return o
}

// $delegate: {"error": <any>}                      -> cors((req, cb) => cb(error))
//            {"byPath": [[prefix, options], ...]}  -> first prefix of req.path wins,
//                                                     else the top-level options
function buildCors (cfg) {
  var d = cfg.$delegate
  if (!d) return marked(cors(decodeOptions(cfg)))
  if (d.error !== undefined) return marked(cors(function (req, cb) { cb(d.error) }))
  var rules = (d.byPath || []).map(function (r) { return [r[0], decodeOptions(r[1])] })
  var fallback = decodeOptions(cfg)
  return marked(cors(function (req, cb) {
    for (var i = 0; i < rules.length; i++) {
      if (req.path.indexOf(rules[i][0]) === 0) return cb(null, rules[i][1])
    }
    cb(null, fallback)
  }))
}

// marked wraps a cors middleware so that a response it ends itself (a
// short-circuited preflight) carries X-Cors-Ended: 1. cors ends a response
// with res.end() before calling next(), so the header can still be set then.
function marked (mw) {
  return function (req, res, next) {
    var end = res.end
    var passed = false
    res.end = function () {
      res.end = end
      if (!passed && !res.headersSent) res.setHeader('X-Cors-Ended', '1')
      return end.apply(this, arguments)
    }
    mw(req, res, function (err) {
      passed = true
      res.end = end
      next(err)
    })
  }
}

// Terminal handler. Query: ?status=NNN (default 200), ?next (call next() -> 404),
// ?error=msg (next(new Error(msg)); msg "401" -> 401 "unauthorized", else 500).
function handler (req, res, next) {
  var q = req.query || {}
  if (q.next !== undefined) return next()
  if (q.error !== undefined) return next(new Error(String(q.error)))
  res.status(parseInt(q.status, 10) || 200)
  res.setHeader('X-Handler-Ran', '1')
  res.type('text/plain').send(req.method + ' ' + req.baseUrl + req.path)
}

// $preVary: "Foo"  -> res.setHeader('Vary', 'Foo') before cors runs
// $routes: [{"method": "post", "path": "/api/login", "cors": true|false|{options}}, ...]
//   absent  -> app.use(cors(cfg)); app.use(handler)   (application-level use)
//   present -> per-route use; method "options" with cors gets no handler (README pattern)
// $use: true (with $routes) -> router.use(cors(cfg)) before the routes, none on them
// $group: "/api" -> the whole router is mounted at /api (app.use('/api', router));
//   other paths get Express's 404
function buildRouter (cfg) {
  var r = express.Router()
  if (cfg.$preVary) {
    r.use(function (req, res, next) { res.setHeader('Vary', cfg.$preVary); next() })
  }
  var mw = buildCors(cfg)
  if (Array.isArray(cfg.$routes) && cfg.$use) r.use(mw)
  if (Array.isArray(cfg.$routes)) {
    cfg.$routes.forEach(function (rt) {
      var m = String(rt.method || 'all').toLowerCase()
      var stack = []
      if ((rt.cors === undefined || rt.cors === true) && !cfg.$use) stack.push(mw)
      else if (rt.cors && typeof rt.cors === 'object') stack.push(marked(cors(decodeOptions(rt.cors))))
      if (!(m === 'options' && stack.length)) stack.push(handler)
      r[m](rt.path, stack)
    })
  } else {
    r.use(mw)
    r.use(handler)
  }
  r.use(function (err, req, res, next) { // mirrors test/error-response.js
    if (err && err.message === '401') return res.status(401).send('unauthorized')
    next(err)
  })
  if (typeof cfg.$group === 'string') {
    var outer = express.Router()
    outer.use(cfg.$group, r)
    return outer
  }
  return r
}

function main (configText) {
  var current = buildRouter(JSON.parse(configText))
  var app = express()
  app.disable('x-powered-by')
  app.set('etag', false)
  app.set('env', 'test') // as upstream's test/support/env.js; also stops finalhandler logging
  app.put('/__oracle/config', express.json({ limit: '1mb' }), function (req, res) {
    try { current = buildRouter(req.body || {}) } catch (e) { return res.status(400).send(e.message) }
    res.status(204).end()
  })
  app.use(function (req, res, next) { current(req, res, next) })
  var port = parseInt(process.argv[2] || '0', 10)
  var server = app.listen(port, '127.0.0.1', function () {
    process.stdout.write('ORACLE_LISTENING 127.0.0.1:' + server.address().port + '\n')
  })
  function stop () { server.close(); process.exit(0) }
  process.on('SIGTERM', stop)
  process.on('SIGINT', stop)
}

var arg = process.argv[3]
try {
  if (arg !== undefined && arg !== '-') {
    main(arg.charAt(0) === '@' ? fs.readFileSync(arg.slice(1), 'utf8') : arg)
  } else if (process.stdin.isTTY) {
    main('{}')
  } else {
    var chunks = []
    process.stdin.on('data', function (c) { chunks.push(c) })
    process.stdin.on('end', function () {
      try { main(Buffer.concat(chunks).toString('utf8').trim() || '{}') } catch (e) { fail(e) }
    })
  }
} catch (e) { fail(e) }

function fail (e) {
  process.stderr.write('oracle: bad config: ' + e.message + '\n')
  process.exit(2)
}
