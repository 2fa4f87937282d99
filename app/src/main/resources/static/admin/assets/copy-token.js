// The "Copy token" button of the page that shows a new API token once. Without JavaScript the
// button stays hidden and the token can be selected and copied from its read-only field.
(function () {
    var button = document.getElementById('copy-token');
    var field = document.getElementById('new-token');
    var status = document.getElementById('copy-status');
    if (!button || !field) {
        return;
    }
    function copied() {
        status.textContent = 'Copied.';
    }
    function selectForManualCopy() {
        field.focus();
        field.select();
        var done = false;
        try {
            done = document.execCommand('copy');
        } catch (e) {
            done = false;
        }
        status.textContent = done ? 'Copied.' : 'The token is selected: press Ctrl+C (or Cmd+C) to copy it.';
    }
    button.hidden = false;
    button.addEventListener('click', function () {
        if (navigator.clipboard && window.isSecureContext) {
            navigator.clipboard.writeText(field.value).then(copied, selectForManualCopy);
        } else {
            selectForManualCopy();
        }
    });
}());
