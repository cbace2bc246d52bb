// The sign-up form's time zone: the browser's own, when the list has it.
(function () {
	var select = document.querySelector('select[data-browser-zone]');
	if (!select || !window.Intl) {
		return;
	}
	var zone = Intl.DateTimeFormat().resolvedOptions().timeZone;
	for (var i = 0; i < select.options.length; i++) {
		if (select.options[i].value === zone) {
			select.value = zone;
			return;
		}
	}
})();
