fetch('https://example.net/from-worker').catch(() => 'blocked');
// WebSockets are outside request interception; the proxy sink must catch this one.
new WebSocket('ws://example.com/from-worker-socket');
