(function () {
  'use strict';
  const data = JSON.parse(document.getElementById('trend-data').textContent);
  new Chart(document.getElementById('trend'), {
    type: 'bar',
    data: {
      labels: data.days,
      datasets: [
        { label: 'new assets', data: data.newAssets, backgroundColor: '#4e79a7' },
        { label: 'incidents', data: data.incidents, backgroundColor: '#e15759' },
      ],
    },
    options: { responsive: true, maintainAspectRatio: false, animation: false, scales: { y: { beginAtZero: true, ticks: { precision: 0 } } } },
  });
})();
