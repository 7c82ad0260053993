//go:build race

package wikitext_test

const raceEnabled = true
