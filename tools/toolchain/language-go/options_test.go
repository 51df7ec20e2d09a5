package main

import (
	"testing"

	"kubesecret.local/toolchain/langhost/langhosttest"
)

func TestParseOptions(t *testing.T) {
	for _, c := range []struct {
		options map[string]any
		want    goOptions
	}{
		{nil, goOptions{}},
		{map[string]any{"binary": "bin/prog"}, goOptions{binary: "bin/prog"}},
		{map[string]any{"buildTarget": "out/prog"}, goOptions{buildTarget: "out/prog"}},
	} {
		got, err := parseOptions(langhosttest.ProgramInfo(t, c.options))
		if err != nil || got != c.want {
			t.Errorf("parseOptions(%v) = %+v, %v; want %+v", c.options, got, err, c.want)
		}
	}
}

func TestParseOptionsErrors(t *testing.T) {
	for _, options := range []map[string]any{
		{"binary": "prog", "buildTarget": "out"},
		{"binary": true},
		{"buildTarget": 1.0},
	} {
		if _, err := parseOptions(langhosttest.ProgramInfo(t, options)); err == nil {
			t.Errorf("parseOptions(%v) succeeded, want an error", options)
		}
	}
}
