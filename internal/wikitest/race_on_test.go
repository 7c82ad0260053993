//go:build race

package wikitest_test

const raceEnabled = true
