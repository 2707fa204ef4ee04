// Each function is called by the network guard's test, which then expects the guard to report the request.
self.leakFromServiceWorker = () => fetch('https://example.org/from-service-worker').catch(() => 'blocked');

self.leakFromOffscreenDocument = () =>
  chrome.offscreen.createDocument({
    url: 'offscreen.html',
    reasons: ['WORKERS'],
    justification: 'starts a worker that makes a request',
  });
