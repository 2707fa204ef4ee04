fetch('https://example.org/from-offscreen-document').catch(() => 'blocked');
new Worker('worker.js');
