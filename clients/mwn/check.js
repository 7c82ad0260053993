// Exercise a Folio wiki with the mwn client from npm.
//
// Usage: node check.js API_URL USER PASSWORD
//
// Logs in, reads a page, edits it, lists recent changes and parses
// wikitext. Prints one line per step and exits non-zero on the first
// failure.
'use strict';

const { Mwn } = require('mwn');

function check(cond, what) {
	if (!cond) {
		console.log('FAIL ' + what);
		process.exit(1);
	}
	console.log('ok   ' + what);
}

async function main() {
	const [apiUrl, username, password] = process.argv.slice(2);
	const bot = await Mwn.init({
		apiUrl,
		username,
		password,
		userAgent: 'folio-ci (mwn)',
		silent: true,
		defaultParams: { assert: 'user' },
	});
	check(bot.loggedIn !== false, 'login as ' + username);

	const main = await bot.read('Main Page');
	check(main.revisions && main.revisions[0].content.length > 0, 'read the Main Page');

	const saved = await bot.save('Node client page', 'Written by mwn.', 'mwn: create');
	check(saved.result === 'Success' && saved.newrevid > 0, 'create a page: revision ' + saved.newrevid);
	const edited = await bot.edit('Node client page', (rev) => ({
		text: rev.content + '\n\nMore from mwn.',
		summary: 'mwn: append',
	}));
	check(edited.result === 'Success', 'edit the page through its current revision');
	const back = await bot.read('Node client page');
	check(back.revisions[0].content.endsWith('More from mwn.'), 'read the edited page back');

	const rc = await bot.request({ action: 'query', list: 'recentchanges', rcprop: 'title|user|comment', rclimit: 10 });
	const titles = rc.query.recentchanges.map((c) => c.title);
	check(titles.includes('Node client page'), 'recent changes list the edit: ' + titles.slice(0, 5).join(', '));

	const html = await bot.parseWikitext("''Hello'' [[Main Page]]");
	check(html.includes('<i>Hello</i>') && html.includes('Main_Page'), 'parse wikitext');
	console.log('ALL OK');
}

main().catch((err) => {
	console.log('FAIL ' + (err && err.stack ? err.stack : err));
	process.exit(1);
});
