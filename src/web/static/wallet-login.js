/* global document, window, navigator, fetch, setTimeout */
// Wallet login page: asks every two seconds whether the wallet has answered, then continues by
// itself. Without JavaScript the Continue button does the same. Where the browser has the W3C
// Digital Credentials API, it also offers to ask a wallet through the browser (OpenID4VP 1.0
// Appendix A): the signed request comes from Passerelle, the browser hands it to a wallet, and
// the wallet's encrypted answer goes back to Passerelle, which checks it was made for this origin.
(function () {
  var status = document.getElementById('wallet-status');
  if (!status || !window.fetch) return;
  var statusUrl = status.getAttribute('data-status-url');
  var continueUrl = status.getAttribute('data-continue-url');
  var leaving = false;
  function leave(url) {
    leaving = true;
    window.location.assign(url);
  }
  function poll() {
    if (leaving) return;
    fetch(statusUrl, { headers: { accept: 'application/json' }, credentials: 'same-origin', cache: 'no-store' })
      .then(function (response) { return response.ok ? response.json() : { status: 'gone' }; })
      .then(function (body) {
        if (leaving) return;
        if (body.status === 'pending') setTimeout(poll, 2000);
        else leave(continueUrl);
      })
      .catch(function () { setTimeout(poll, 5000); });
  }
  setTimeout(poll, 2000);

  var dcApi = document.getElementById('wallet-dc-api');
  var button = document.getElementById('wallet-dc-api-button');
  var failed = document.getElementById('wallet-dc-api-error');
  var protocol = 'openid4vp-v1-signed';
  function dcApiAvailable() {
    if (typeof window.DigitalCredential === 'undefined' || !navigator.credentials || typeof navigator.credentials.get !== 'function') return false;
    var allows = window.DigitalCredential.userAgentAllowsProtocol;
    return typeof allows !== 'function' || allows.call(window.DigitalCredential, protocol);
  }
  if (!dcApi || !button || !dcApiAvailable()) return;
  function post(url, body) {
    return fetch(url, {
      method: 'POST', credentials: 'same-origin', cache: 'no-store',
      headers: { accept: 'application/json', 'content-type': 'application/json' }, body: JSON.stringify(body || {}),
    }).then(function (response) {
      return response.json().then(function (json) {
        if (!response.ok) throw new Error(json.error || 'HTTP ' + response.status);
        return json;
      });
    });
  }
  button.addEventListener('click', function () {
    button.disabled = true;
    failed.hidden = true;
    post(dcApi.getAttribute('data-request-url'))
      .then(function (request) {
        return navigator.credentials.get({ mediation: 'required', digital: { requests: [request] } });
      })
      .then(function (credential) {
        if (!credential) throw new Error('no credential');
        return post(dcApi.getAttribute('data-response-url'), { protocol: credential.protocol, data: credential.data });
      })
      .then(function (answer) { leave(answer.redirect_uri); })
      .catch(function () {
        // Cancelled, no wallet, or refused before it was recorded: the other ways stay open.
        button.disabled = false;
        failed.hidden = false;
      });
  });
  dcApi.hidden = false;
})();
