// NextMCP dashboard behaviour. No inline scripts (the CSP forbids them): everything hangs on data- attributes.
(function () {
  'use strict';

  // ANSI escape sequences (colours, cursor moves) in build and app output: removed, the text kept.
  var ANSI = /\u001b\[[0-9;?]*[ -\/]*[@-~]|\u001b\][^\u0007\u001b]*(\u0007|\u001b\\)|\u001b[@-Z\\-_]/g;
  function stripAnsi(text) { return text.replace(ANSI, ''); }

  function onReady(fn) {
    if (document.readyState !== 'loading') { fn(); } else { document.addEventListener('DOMContentLoaded', fn); }
  }

  // htmx sends the session's CSRF token with every request it makes.
  document.addEventListener('htmx:configRequest', function (e) {
    var token = document.body.getAttribute('data-csrf');
    if (token) { e.detail.headers['X-CSRF-Token'] = token; }
  });

  function setupCopy() {
    document.querySelectorAll('[data-copy]').forEach(function (button) {
      button.addEventListener('click', function () {
        var source = document.getElementById(button.getAttribute('data-copy'));
        if (!source || !navigator.clipboard) { return; }
        navigator.clipboard.writeText(source.textContent).then(function () {
          var label = button.textContent;
          button.textContent = 'Copied';
          setTimeout(function () { button.textContent = label; }, 1500);
        });
      });
    });
  }

  function setupConfirm() {
    document.querySelectorAll('form[data-confirm]').forEach(function (form) {
      form.addEventListener('submit', function (e) {
        if (!window.confirm(form.getAttribute('data-confirm'))) { e.preventDefault(); }
      });
    });
  }

  function setupReveal() {
    document.querySelectorAll('[data-reveal]').forEach(function (button) {
      button.addEventListener('click', function () {
        var id = button.getAttribute('data-reveal');
        var secret = document.getElementById(id);
        var masked = document.getElementById(id + '-masked');
        var show = secret.hidden;
        secret.hidden = !show;
        masked.hidden = show;
        button.textContent = show ? 'Hide' : 'Reveal';
        button.setAttribute('aria-expanded', String(show));
      });
    });
  }

  // A live log: lines arrive as server-sent events and go in as text (never HTML). Scrolling up pauses
  // the automatic scrolling; scrolling back to the bottom resumes it.
  function setupLogs() {
    document.querySelectorAll('[data-log-stream]').forEach(function (box) {
      var state = document.querySelector('[data-log-state-for="' + box.id + '"]');
      var following = true;
      function say(text) { if (state) { state.textContent = text; } }
      box.addEventListener('scroll', function () {
        var atBottom = box.scrollHeight - box.scrollTop - box.clientHeight < 8;
        following = atBottom;
        say(atBottom ? 'Following live.' : 'Paused: scroll to the bottom to follow again.');
      });
      var source = new EventSource(box.getAttribute('data-log-stream'));
      source.onopen = function () { say(following ? 'Following live.' : 'Paused: scroll to the bottom to follow again.'); };
      source.onerror = function () { say('Connection lost; reconnecting…'); };
      source.onmessage = function (e) {
        var line = document.createElement('div');
        line.className = 'line';
        line.textContent = stripAnsi(e.data);
        var filter = document.querySelector('[data-log-filter="' + box.id + '"]');
        if (filter && filter.value && line.textContent.toLowerCase().indexOf(filter.value.toLowerCase()) < 0) {
          line.hidden = true;
        }
        box.appendChild(line);
        if (following) { box.scrollTop = box.scrollHeight; }
      };
    });
    document.querySelectorAll('[data-log-filter]').forEach(function (input) {
      input.addEventListener('input', function () {
        var box = document.getElementById(input.getAttribute('data-log-filter'));
        var wanted = input.value.toLowerCase();
        box.querySelectorAll('.line').forEach(function (line) {
          line.hidden = wanted !== '' && line.textContent.toLowerCase().indexOf(wanted) < 0;
        });
      });
    });
  }

  // Charts from the numbers in data-series (uPlot, drawn by this file: no inline script).
  function setupCharts() {
    if (typeof uPlot === 'undefined') { return; }
    document.querySelectorAll('[data-chart]').forEach(function (box) {
      var d = JSON.parse(box.getAttribute('data-series'));
      var style = getComputedStyle(document.documentElement);
      var colour = function (name) { return style.getPropertyValue(name).trim(); };
      var traffic = box.getAttribute('data-chart') === 'traffic';
      var series = traffic
        ? [{}, { label: 'requests', stroke: colour('--accent'), width: 2 }, { label: 'errors', stroke: colour('--bad'), width: 2 }]
        : [{}, { label: 'p50 ms', stroke: colour('--ok'), width: 2 },
          { label: 'p95 ms', stroke: colour('--info'), width: 2 }, { label: 'p99 ms', stroke: colour('--warn'), width: 2 }];
      var data = traffic ? [d.time, d.requests, d.errors] : [d.time, d.p50, d.p95, d.p99];
      var axis = { stroke: colour('--muted'), grid: { stroke: colour('--border') }, ticks: { stroke: colour('--border') } };
      var width = function () { return Math.max(260, box.clientWidth); };
      var scales = { x: { time: true, range: function () { return [d.from, d.to]; } } };
      var chart = new uPlot({ width: width(), height: 220, series: series, axes: [axis, axis], scales: scales }, data, box);
      window.addEventListener('resize', function () { chart.setSize({ width: width(), height: 220 }); });
    });
  }

  onReady(function () {
    setupCharts();
    setupCopy();
    setupConfirm();
    setupReveal();
    setupLogs();
  });
}());
