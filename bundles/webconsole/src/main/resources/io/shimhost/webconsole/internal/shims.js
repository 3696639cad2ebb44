// The shimhost pages of the Web Console: the table and one shim, read from shims/*.json and read again
// whenever the node's event stream says something happened.
(function () {
  'use strict';
  const root = document.getElementById('shimhost');
  const token = root.dataset.token;
  const id = root.dataset.id;

  function get(url) {
    return fetch(url, { credentials: 'same-origin', cache: 'no-store' }).then(function (r) {
      if (!r.ok) { throw new Error(url + ': ' + r.status); }
      return r;
    });
  }

  function cell(row, text, name) {
    const td = document.createElement('td');
    td.textContent = text == null ? '' : String(text);
    if (name) { td.className = name; }
    row.appendChild(td);
    return td;
  }

  function uptime(shim) {
    if (shim.state !== 'running') { return ''; }
    let s = Math.max(0, Math.floor((Date.now() - Date.parse(shim.started)) / 1000));
    const h = Math.floor(s / 3600); s -= h * 3600;
    const m = Math.floor(s / 60); s -= m * 60;
    return (h ? h + 'h' : '') + (h || m ? m + 'm' : '') + s + 's';
  }

  function row(shim, stats) {
    const tr = document.createElement('tr');
    tr.dataset.id = shim.id;
    tr.dataset.started = shim.started;
    const link = document.createElement('a');
    link.href = 'shims?id=' + encodeURIComponent(shim.id);
    link.textContent = shim.id;
    cell(tr, '', 'id').appendChild(link);
    cell(tr, shim.state, 'state');
    cell(tr, shim.type, 'type');
    cell(tr, shim.container, 'container');
    cell(tr, shim.pid, 'pid');
    cell(tr, uptime(shim), 'uptime').dataset.state = shim.state;
    cell(tr, stats ? (stats.cpuUserSeconds + stats.cpuSystemSeconds).toFixed(2) : '', 'cpu');
    const bytes = stats ? (stats.cgroup && stats.cgroup.own ? stats.cgroup.memoryBytes : stats.residentBytes) : null;
    cell(tr, bytes == null ? '' : (bytes / 1048576).toFixed(1), 'memory');
    return tr;
  }

  function refreshTable() {
    return get('shims/table.json').then(function (r) { return r.json(); }).then(function (table) {
      const stats = {};
      table.stats.forEach(function (s) { stats[s.id] = s; });
      const body = document.querySelector('#shims tbody');
      body.replaceChildren.apply(body, table.shims.map(function (s) { return row(s, stats[s.id]); }));
      const running = table.shims.filter(function (s) { return s.state === 'running'; }).length;
      const count = table.shims.length;
      document.getElementById('summary').textContent = count + (count === 1 ? ' shim' : ' shims') + ' in the table, ' + running
        + ' running (as of ' + new Date(table.time).toLocaleTimeString() + ')';
      document.getElementById('running').src = 'shims/running.svg?at=' + Date.now();
    });
  }

  function refreshShim() {
    const q = '?id=' + encodeURIComponent(id);
    return Promise.all([
      get('shims/inspect.json' + q).then(function (r) { return r.json(); }),
      get('shims/log.txt' + q).then(function (r) { return r.text(); })
    ]).then(function (both) {
      const doc = both[0];
      const shim = doc.shim;
      const body = document.querySelector('#shim tbody');
      const fields = [['State', shim.state, 'state'], ['Type', shim.type], ['Container', shim.container],
        ['Sandbox', shim.sandbox], ['PID', shim.pid], ['Started', shim.started], ['Ended', doc.ended],
        ['Exit code', shim.exitCode], ['Signal', shim.signal], ['Supervision', shim.supervision],
        ['Cgroup', shim.cgroup], ['Command', doc.process ? doc.process.argv.join(' ') : null]];
      body.replaceChildren.apply(body, fields.map(function (f) {
        const tr = document.createElement('tr');
        cell(tr, f[0]);
        cell(tr, f[1], f[2]);
        return tr;
      }));
      document.getElementById('log-path').textContent = doc.log ? '(' + doc.log + ')' : '';
      document.getElementById('log').textContent = both[1];
    }).catch(function (e) {
      document.getElementById('message').textContent = 'Shim ' + id + ' is not in the table (' + e.message + ')';
    });
  }

  const refresh = id ? refreshShim : refreshTable;
  let pending = null;
  function soon() {
    if (!pending) { pending = setTimeout(function () { pending = null; refresh(); }, 150); }
  }

  function act(action, extra, question) {
    if (!window.confirm(question)) { return; }
    const form = new URLSearchParams(Object.assign({ action: action, id: id, token: token }, extra));
    fetch('shims', { method: 'POST', credentials: 'same-origin', body: form,
      headers: { 'X-Shimhost-Token': token } }).then(function (r) {
      return r.json().then(function (answer) {
        document.getElementById('message').textContent = r.ok
          ? action + ': shim ' + id + ' is ' + answer.state : answer.detail;
        if (r.ok && action === 'forget') { window.location.href = 'shims'; }
        soon();
      });
    });
  }

  if (id) {
    document.getElementById('send-signal').addEventListener('click', function () {
      const signal = document.getElementById('signal').value;
      act('signal', { signal: signal }, 'Send SIG' + signal + ' to shim ' + id + '?');
    });
    document.getElementById('stop').addEventListener('click', function () {
      const grace = document.getElementById('grace').value;
      act('stop', { grace: grace }, 'Stop shim ' + id + ' (SIGTERM, then SIGKILL after ' + grace + ' s)?');
    });
    document.getElementById('forget').addEventListener('click', function () {
      act('forget', {}, 'Forget shim ' + id + ' (remove it from the table)?');
    });
  } else {
    setInterval(function () {
      document.querySelectorAll('#shims td.uptime').forEach(function (td) {
        td.textContent = uptime({ state: td.dataset.state, started: td.parentNode.dataset.started });
      });
    }, 1000);
    setInterval(refresh, 15000); // the figures; what happens comes by the events
  }

  const live = document.getElementById('live');
  const events = new EventSource('shims/events.stream');
  events.onopen = function () { live.textContent = 'Live: following the node\'s events'; soon(); };
  events.onmessage = soon;
  events.onerror = function () { live.textContent = 'Live: reconnecting to the node\'s events…'; };
  refresh();
}());
