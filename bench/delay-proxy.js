// bench/run --s3-delay-ms: a TCP proxy between the database and S3 that holds every chunk for DELAY_MS in
// each direction, so that a round trip costs 2 x DELAY_MS more, as S3 10-50 ms away does. tc netem would do
// it in the kernel, but this machine's kernel has no sch_netem; TLS passes through untouched (the client
// still verifies S3's own certificate). Node's standard library only: it runs on the Azurite fixture's node.
//   LISTEN_PORT  port to listen on (S3's port, so that clients need no other setting)
//   TARGET_HOST  S3's address behind it
//   TARGET_PORT  S3's port
//   DELAY_MS     one-way delay, milliseconds
//   DELAY_FILE   optional: a file read every 200 ms; a whole number there becomes the delay from then on, and
//                the proxy writes it to DELAY_FILE.applied once it applies (bench/run measures several delays
//                in one run this way)
'use strict';
const net = require('net');

const listenPort = Number(process.env.LISTEN_PORT);
const targetHost = process.env.TARGET_HOST;
const targetPort = Number(process.env.TARGET_PORT);
let delay = Number(process.env.DELAY_MS);
const delayFile = process.env.DELAY_FILE;
if (!(listenPort > 0) || !targetHost || !(targetPort > 0) || !(delay >= 0)) {
  console.error('delay-proxy: set LISTEN_PORT, TARGET_HOST, TARGET_PORT and DELAY_MS');
  process.exit(2);
}

if (delayFile) {
  const fs = require('fs');
  setInterval(() => {
    let text;
    try { text = fs.readFileSync(delayFile, 'utf8').trim(); } catch (e) { return; }
    if (!/^[0-9]+$/.test(text) || Number(text) === delay) return;
    delay = Number(text);
    fs.writeFileSync(delayFile + '.applied', String(delay));
    console.log(`delay-proxy: now ${delay} ms each way`);
  }, 200);
}

// Chunks written in order, each DELAY_MS after it arrived (never before the chunk ahead of it, so a change of the
// delay cannot reorder a stream); an end (FIN) travels the same way, after the data before it.
function forward(from, to) {
  const queue = []; // {due, chunk}; chunk null = end
  let timer = null;
  const flush = () => {
    timer = null;
    while (queue.length && queue[0].due <= Date.now()) {
      const { chunk } = queue.shift();
      if (to.destroyed) continue;
      if (chunk === null) to.end(); else to.write(chunk);
    }
    if (queue.length) timer = setTimeout(flush, queue[0].due - Date.now());
  };
  const push = (chunk) => {
    const last = queue.length ? queue[queue.length - 1].due : 0;
    queue.push({ due: Math.max(Date.now() + delay, last), chunk });
    if (!timer) timer = setTimeout(flush, queue[0].due - Date.now());
  };
  from.on('data', (chunk) => push(chunk));
  from.on('end', () => push(null));
  from.on('error', () => to.destroy());
}

net.createServer({ allowHalfOpen: true }, (client) => {
  const upstream = net.connect({ host: targetHost, port: targetPort, allowHalfOpen: true });
  forward(client, upstream);
  forward(upstream, client);
  client.on('close', () => setTimeout(() => upstream.destroy(), delay + 1000));
  upstream.on('close', () => setTimeout(() => client.destroy(), delay + 1000));
}).listen(listenPort, () => console.log(`delay-proxy: :${listenPort} -> ${targetHost}:${targetPort}, ${delay} ms each way`));
