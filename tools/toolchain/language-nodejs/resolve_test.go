package main

import (
	"os"
	"path/filepath"
	"testing"
)

func writeFile(t *testing.T, path, content string) {
	t.Helper()
	if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(path, []byte(content), 0o644); err != nil {
		t.Fatal(err)
	}
}

func TestResolveModuleWalksUp(t *testing.T) {
	root := t.TempDir()
	run := filepath.Join(root, "node_modules", "@pulumi", "pulumi", "cmd", "run", "index.js")
	writeFile(t, run, "")
	program := filepath.Join(root, "src", "app")
	if err := os.MkdirAll(program, 0o755); err != nil {
		t.Fatal(err)
	}

	got, err := resolveModule(program, runModule, "")
	if err != nil || got != run {
		t.Fatalf("resolveModule = %q, %v; want %q", got, err, run)
	}

	// The nearest node_modules wins.
	nearer := filepath.Join(program, "node_modules", "@pulumi", "pulumi", "cmd", "run.js")
	writeFile(t, nearer, "")
	if got, _ := resolveModule(program, runModule, ""); got != nearer {
		t.Fatalf("resolveModule = %q, want the nearer %q", got, nearer)
	}
}

func TestResolveModulePackageMainAndNodePath(t *testing.T) {
	root := t.TempDir()
	lib := filepath.Join(root, "global")
	dir := filepath.Join(lib, "@pulumi", "pulumi", "cmd", "run-plugin")
	writeFile(t, filepath.Join(dir, "package.json"), `{"main": "lib/start"}`)
	writeFile(t, filepath.Join(dir, "lib", "start.js"), "")
	program := filepath.Join(root, "program")
	if err := os.MkdirAll(program, 0o755); err != nil {
		t.Fatal(err)
	}

	got, err := resolveModule(program, runPluginModule, lib)
	if want := filepath.Join(dir, "lib", "start.js"); err != nil || got != want {
		t.Fatalf("resolveModule = %q, %v; want %q", got, err, want)
	}
	if _, err := resolveModule(program, runModule, lib); err == nil {
		t.Fatal("expected an error for a module that is not installed")
	}
}

func TestResolveModuleSkipsNodeModulesNodeModules(t *testing.T) {
	root := t.TempDir()
	// A program inside node_modules must not look in node_modules/node_modules.
	writeFile(t, filepath.Join(root, "node_modules", "node_modules", "m", "index.js"), "")
	if _, err := resolveModule(filepath.Join(root, "node_modules"), "m", ""); err == nil {
		t.Fatal("resolved m from node_modules/node_modules")
	}
}
