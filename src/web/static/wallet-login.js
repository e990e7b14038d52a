/* global document, window, fetch, setTimeout */
// Wallet login page: asks every two seconds whether the wallet has answered, then continues by
// itself. Without JavaScript the Continue button does the same.
(function () {
  var status = document.getElementById('wallet-status');
  if (!status || !window.fetch) return;
  var statusUrl = status.getAttribute('data-status-url');
  var continueUrl = status.getAttribute('data-continue-url');
  function poll() {
    fetch(statusUrl, { headers: { accept: 'application/json' }, credentials: 'same-origin', cache: 'no-store' })
      .then(function (response) { return response.ok ? response.json() : { status: 'gone' }; })
      .then(function (body) {
        if (body.status === 'pending') setTimeout(poll, 2000);
        else window.location.assign(continueUrl);
      })
      .catch(function () { setTimeout(poll, 5000); });
  }
  setTimeout(poll, 2000);
})();
