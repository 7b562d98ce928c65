/* global window, document, fetch */
// Keizoku's only script (decision 0022): passkey ceremonies with @simplewebauthn/browser
// (/static/vendor/simplewebauthn-browser.js, loaded before this one). Each
// [data-webauthn] block holds a form; where the browser supports WebAuthn the block is shown,
// and submitting its form first asks the server for options, runs the ceremony, puts the
// answer in the hidden `credential` field and then submits. Without JavaScript the block stays
// hidden and its fallback text is shown; password login works either way.
(function () {
  'use strict';
  var lib = window.SimpleWebAuthnBrowser;
  if (!lib || !lib.browserSupportsWebAuthn()) return;

  // The messages come with the form (data-msg-*, in the page's language); these are the Japanese defaults.
  var MESSAGES = {
    cancelled: 'パスキーの操作が取り消されたか、時間内に完了しませんでした。もう一度お試しください。',
    failed: 'パスキーを利用できませんでした。時間をおいてから、もう一度お試しください。',
    name: 'パスキーの名前を入力してください。',
  };
  function message(block, key) {
    return block.getAttribute('data-msg-' + key) || MESSAGES[key];
  }

  function fetchOptions(purpose, csrf) {
    return fetch('/webauthn/options', {
      method: 'POST',
      credentials: 'same-origin',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ purpose: purpose, _csrf: csrf }),
    }).then(function (response) {
      if (response.status === 303 || response.redirected) throw new Error('session');
      if (!response.ok) throw new Error('options ' + response.status);
      return response.json();
    });
  }

  function ceremony(purpose, options, autofill) {
    if (purpose === 'register') return lib.startRegistration({ optionsJSON: options });
    return lib.startAuthentication({ optionsJSON: options, useBrowserAutofill: Boolean(autofill) });
  }

  function showError(block, text) {
    var box = block.querySelector('.webauthn-error');
    if (!box) return;
    box.textContent = text;
    box.hidden = false;
  }

  function run(block, form, autofill) {
    var purpose = block.getAttribute('data-webauthn');
    var csrf = form.querySelector('input[name="_csrf"]').value;
    return fetchOptions(purpose, csrf)
      .then(function (options) {
        return ceremony(purpose, options, autofill);
      })
      .then(function (answer) {
        form.querySelector('input[name="credential"]').value = JSON.stringify(answer);
        form.submit();
      });
  }

  function errorText(block, error) {
    var name = error && error.name;
    return name === 'NotAllowedError' || name === 'AbortError' ? message(block, 'cancelled') : message(block, 'failed');
  }

  function wire(block) {
    var form = block.querySelector('form');
    if (!form) return;
    block.hidden = false;
    var fallback = block.parentNode && block.parentNode.querySelector('.webauthn-fallback');
    if (fallback) fallback.hidden = true;
    var busy = false;
    form.addEventListener('submit', function (event) {
      event.preventDefault();
      if (busy) return;
      var name = form.querySelector('input[name="name"]');
      if (name && !name.value.trim()) {
        showError(block, message(block, 'name'));
        name.focus();
        return;
      }
      busy = true;
      run(block, form, false).catch(function (error) {
        busy = false;
        showError(block, errorText(block, error));
      });
    });
    var field = document.querySelector('input[autocomplete~="webauthn"]');
    if (block.getAttribute('data-autofill') === 'true' && field && lib.browserSupportsWebAuthnAutofill) {
      // Conditional UI: once the ユーザーID field has the focus, the passkeys appear among its
      // suggestions and a pick logs in (the button's ceremony, if pressed, replaces this one).
      field.addEventListener(
        'focus',
        function () {
          lib.browserSupportsWebAuthnAutofill().then(function (supported) {
            if (supported && !busy) run(block, form, true).catch(function () {});
          });
        },
        { once: true },
      );
    }
  }

  function start() {
    var blocks = document.querySelectorAll('[data-webauthn]');
    for (var i = 0; i < blocks.length; i += 1) wire(blocks[i]);
  }

  if (document.readyState === 'loading') document.addEventListener('DOMContentLoaded', start);
  else start();
})();
