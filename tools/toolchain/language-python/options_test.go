package main

import (
	"testing"

	"github.com/pulumi/pulumi/sdk/v3/python/toolchain"
	"kubesecret.local/toolchain/langhost/langhosttest"
)

func TestParseOptions(t *testing.T) {
	cases := []struct {
		name     string
		options  map[string]any
		isPlugin bool
		want     toolchain.PythonOptions
	}{
		{"defaults", nil, false, toolchain.PythonOptions{}},
		{"pip with virtualenv", map[string]any{"toolchain": "pip", "virtualenv": "venv"}, false,
			toolchain.PythonOptions{Toolchain: toolchain.Pip, Virtualenv: "venv"}},
		{"uv and mypy", map[string]any{"toolchain": "uv", "typechecker": "mypy"}, false,
			toolchain.PythonOptions{Toolchain: toolchain.Uv, Typechecker: toolchain.TypeCheckerMypy}},
		{"poetry and pyright", map[string]any{"toolchain": "poetry", "typechecker": "pyright"}, false,
			toolchain.PythonOptions{Toolchain: toolchain.Poetry, Typechecker: toolchain.TypeCheckerPyright}},
		{"plugins get a venv", nil, true, toolchain.PythonOptions{Virtualenv: "venv"}},
		{"a plugin's own venv", map[string]any{"virtualenv": ".venv"}, true,
			toolchain.PythonOptions{Virtualenv: ".venv"}},
		{"no default venv for a poetry plugin", map[string]any{"toolchain": "poetry"}, true,
			toolchain.PythonOptions{Toolchain: toolchain.Poetry}},
	}
	for _, c := range cases {
		got, err := parseOptions(langhosttest.ProgramInfo(t, c.options), c.isPlugin)
		if err != nil {
			t.Errorf("%s: %v", c.name, err)
			continue
		}
		c.want.Root, c.want.ProgramDir = "/p", "/p/src"
		if got != c.want {
			t.Errorf("%s: parseOptions = %+v, want %+v", c.name, got, c.want)
		}
	}
}

func TestParseOptionsErrors(t *testing.T) {
	for _, options := range []map[string]any{
		{"toolchain": "conda"},
		{"typechecker": "pytype"},
		{"virtualenv": true},
		{"toolchain": 1.0},
	} {
		if _, err := parseOptions(langhosttest.ProgramInfo(t, options), false); err == nil {
			t.Errorf("parseOptions(%v) succeeded, want an error", options)
		}
	}
}
