package main

// opsCommands returns the operations subcommands (read-only mode, drills,
// maintenance) that main.go adds to its command table.
func opsCommands(m *Main) map[string]command {
	return map[string]command{
		"readonly": &ReadOnlyCommand{m: m},
		"drill":    &DrillCommand{m: m},
	}
}
