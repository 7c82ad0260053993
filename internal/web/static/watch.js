// watch.js: the watch star. A click on the star (#ca-watch or #ca-unwatch)
// posts action=watch to the API with the watch token and toggles the star
// in place. Without JavaScript, or when the request fails, the link leads
// to the index.php?action=watch form, which works on its own.
(function () {
	'use strict';

	var labels = {
		watch: { id: 'ca-watch', text: 'Watch', tip: 'Add this page to your watchlist', star: '\u2606', action: 'watch' },
		unwatch: { id: 'ca-unwatch', text: 'Unwatch', tip: 'Remove this page from your watchlist', star: '\u2605', action: 'unwatch' }
	};

	// setState shows the star as watched or not.
	function setState(li, a, watched) {
		var l = watched ? labels.unwatch : labels.watch;
		li.id = l.id;
		li.classList.toggle('mw-watchlink-watched', watched);
		a.title = l.tip;
		a.setAttribute('aria-pressed', watched ? 'true' : 'false');
		a.href = a.href.replace(/([?&]action=)(un)?watch\b/, '$1' + l.action);
		a.querySelector('.mw-watchstar').textContent = l.star;
		a.querySelector('.mw-watchlink-label').textContent = l.text;
	}

	function api(a, params, post) {
		var body = new URLSearchParams(params);
		body.set('format', 'json');
		body.set('formatversion', '2');
		var url = a.getAttribute('data-mw-api') || '/api.php';
		var init = { credentials: 'same-origin' };
		if (post) {
			init.method = 'POST';
			init.body = body;
		} else {
			url += '?' + body.toString();
		}
		return fetch(url, init).then(function (r) {
			if (!r.ok) {
				throw new Error('HTTP ' + r.status);
			}
			return r.json();
		}).then(function (res) {
			if (res.error) {
				throw new Error(res.error.code);
			}
			return res;
		});
	}

	// token returns the watch token of the page, or fetches one.
	function token(a) {
		var t = a.getAttribute('data-mw-watch-token');
		if (t) {
			return Promise.resolve(t);
		}
		return api(a, { action: 'query', meta: 'tokens', type: 'watch' }, false).then(function (res) {
			return res.query.tokens.watchtoken;
		});
	}

	document.addEventListener('click', function (e) {
		var a = e.target.closest && e.target.closest('#ca-watch > a, #ca-unwatch > a');
		if (!a || e.button !== 0 || e.ctrlKey || e.metaKey || e.shiftKey || e.altKey) {
			return;
		}
		e.preventDefault();
		if (a.getAttribute('aria-busy') === 'true') {
			return;
		}
		var li = a.parentNode;
		var unwatch = li.id === 'ca-unwatch';
		a.setAttribute('aria-busy', 'true');
		token(a).then(function (tok) {
			var params = { action: 'watch', titles: a.getAttribute('data-mw-watch-title'), token: tok };
			if (unwatch) {
				params.unwatch = '1';
			}
			return api(a, params, true);
		}).then(function (res) {
			var item = res.watch && res.watch[0];
			if (!item || !(unwatch ? item.unwatched : item.watched)) {
				throw new Error('unexpected answer');
			}
			setState(li, a, !unwatch);
			a.removeAttribute('aria-busy');
		}).catch(function () {
			// Fall back to the confirmation form.
			window.location.href = a.href;
		});
	});
}());
