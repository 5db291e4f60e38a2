(function () {
  'use strict';
  const data = JSON.parse(document.getElementById('incident-data').textContent);
  const t0 = data.timeline.length ? Date.parse(data.timeline[0].from) : 0;
  const seconds = iso => (Date.parse(iso) - t0) / 1000;
  new Chart(document.getElementById('timeline'), {
    type: 'bar',
    data: {
      labels: data.timeline.map(b => b.title),
      datasets: [{
        label: 'seconds after the first model fired',
        data: data.timeline.map(b => [seconds(b.from), Math.max(seconds(b.to), seconds(b.from) + 0.5)]),
        backgroundColor: data.timeline.map(b => b.score >= 80 ? '#c0392b' : b.score >= 60 ? '#e67e22' : b.score >= 30 ? '#f1c40f' : '#95a5a6'),
      }],
    },
    options: { indexAxis: 'y', responsive: true, maintainAspectRatio: false, animation: false, plugins: { legend: { display: false } } },
  });
  new Chart(document.getElementById('activity'), {
    data: {
      labels: data.activity.map(p => new Date(p.minute).toISOString().substring(11, 16)),
      datasets: [
        { type: 'bar', label: 'anomaly reports per minute', data: data.activity.map(p => p.reports), backgroundColor: '#4e79a7', yAxisID: 'y' },
        { type: 'line', label: 'highest anomaly score', data: data.activity.map(p => p.maxScore), borderColor: '#e15759', yAxisID: 'score' },
      ],
    },
    options: {
      responsive: true, maintainAspectRatio: false, animation: false,
      scales: { y: { beginAtZero: true, ticks: { precision: 0 } }, score: { position: 'right', min: 0, max: 100 } },
    },
  });
})();
