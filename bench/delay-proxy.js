// bench/run --s3-delay-ms: a TCP proxy between the database and S3 that holds every chunk for DELAY_MS in
// each direction, so that a round trip costs 2 x DELAY_MS more, as S3 10-50 ms away does. tc netem would do
// it in the kernel, but this machine's kernel has no sch_netem; TLS passes through untouched (the client
// still verifies S3's own certificate). Node's standard library only: it runs on the Azurite fixture's node.
//   LISTEN_PORT  port to listen on (S3's port, so that clients need no other setting)
//   TARGET_HOST  S3's address behind it
//   TARGET_PORT  S3's port
//   DELAY_MS     one-way delay, milliseconds
'use strict';
const net = require('net');

const listenPort = Number(process.env.LISTEN_PORT);
const targetHost = process.env.TARGET_HOST;
const targetPort = Number(process.env.TARGET_PORT);
const delay = Number(process.env.DELAY_MS);
if (!(listenPort > 0) || !targetHost || !(targetPort > 0) || !(delay >= 0)) {
  console.error('delay-proxy: set LISTEN_PORT, TARGET_HOST, TARGET_PORT and DELAY_MS');
  process.exit(2);
}

// Chunks written in order, each DELAY_MS after it arrived; timers of equal delay fire in the order they were
// set, so the stream keeps its order. An end (FIN) travels with the same delay, after the data before it.
function forward(from, to) {
  from.on('data', (chunk) => setTimeout(() => { if (!to.destroyed) to.write(chunk); }, delay));
  from.on('end', () => setTimeout(() => { if (!to.destroyed) to.end(); }, delay));
  from.on('error', () => to.destroy());
}

net.createServer({ allowHalfOpen: true }, (client) => {
  const upstream = net.connect({ host: targetHost, port: targetPort, allowHalfOpen: true });
  forward(client, upstream);
  forward(upstream, client);
  client.on('close', () => setTimeout(() => upstream.destroy(), delay + 1000));
  upstream.on('close', () => setTimeout(() => client.destroy(), delay + 1000));
}).listen(listenPort, () => console.log(`delay-proxy: :${listenPort} -> ${targetHost}:${targetPort}, ${delay} ms each way`));
