// Live updates over server-sent events (/api/live). Event strings came from packets: they are only ever set as
// textContent, never as HTML. A list marked data-live-reload="incident ..." is refreshed in place when such an event
// arrives, by fetching the same page and swapping that element (so sorting, filters and paging are kept).
(function () {
  'use strict';
  if (!document.querySelector('header nav')) { return; } // signed out: no stream
  const banner = document.getElementById('live');
  let pending = null;

  function toast(text, kind) {
    const item = document.createElement('div');
    item.className = 'toast ' + (kind || '');
    item.textContent = text;
    banner.appendChild(item);
    setTimeout(() => item.remove(), 15000);
  }

  async function refresh(types) {
    const targets = Array.from(document.querySelectorAll('[data-live-reload]'))
      .filter(el => el.id && el.dataset.liveReload.split(' ').some(t => types.has(t)));
    if (targets.length === 0) { return; }
    const response = await fetch(location.href, { credentials: 'same-origin', headers: { 'X-Edge-Live': '1' } });
    if (!response.ok) { return; }
    const doc = new DOMParser().parseFromString(await response.text(), 'text/html');
    for (const el of targets) {
      const fresh = doc.getElementById(el.id);
      if (fresh) { el.replaceWith(document.importNode(fresh, true)); }
    }
    document.body.dataset.liveUpdated = String(Date.now());
  }

  // At most one refresh in flight, and at most one every two seconds however many events arrive: a busy plant
  // must not turn every open tab into a stream of page loads.
  let running = false;
  let last = 0;
  function schedule(type) {
    pending = pending || new Set();
    pending.add(type);
    if (running) { return; }
    running = true;
    setTimeout(async () => {
      while (pending) {
        const types = pending;
        pending = null;
        last = Date.now();
        try { await refresh(types); } catch (e) { /* the next event tries again */ }
        const wait = 2000 - (Date.now() - last);
        if (pending && wait > 0) { await new Promise(r => setTimeout(r, wait)); }
      }
      running = false;
    }, Math.max(300, 2000 - (Date.now() - last)));
  }

  const source = new EventSource('/api/live');
  source.addEventListener('hello', () => { document.body.dataset.live = 'connected'; });
  source.addEventListener('incident', e => {
    const d = JSON.parse(e.data);
    toast('Incident ' + (d.state || '') + ': ' + d.title + ' (score ' + d.score + ')', 'incident');
    schedule('incident');
  });
  source.addEventListener('sensor', e => {
    const d = JSON.parse(e.data);
    toast('Sensor ' + d.sensor + ' is ' + d.state, d.state === 'offline' ? 'offline' : 'sensor');
    schedule('sensor');
  });
  source.addEventListener('asset', () => schedule('asset'));
  source.addEventListener('anomaly', () => schedule('anomaly'));
})();
