// Preloaded (node --require) into a process and its worker threads: every way out to the network throws.
const blocked = (what) => () => {
  throw new Error(`network blocked: ${what}`);
};
globalThis.fetch = async (url) => {
  throw new Error(`network blocked: fetch ${url}`);
};
for (const name of ['node:net', 'node:tls']) {
  const m = require(name);
  m.connect = blocked(name);
  if (m.createConnection) m.createConnection = blocked(name);
}
for (const name of ['node:http', 'node:https']) {
  const m = require(name);
  m.request = blocked(name);
  m.get = blocked(name);
}
require('node:dns').lookup = blocked('dns');
