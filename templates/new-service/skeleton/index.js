const http = require('node:http');

const port = Number(process.env.PORT ?? '${{ values.port }}');

http
  .createServer((req, res) => {
    if (req.url === '/healthz') {
      res.writeHead(200).end('ok');
      return;
    }
    res.writeHead(200, { 'Content-Type': 'application/json' });
    res.end(JSON.stringify({ service: '${{ values.name }}' }));
  })
  .listen(port);
