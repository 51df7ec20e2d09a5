package langhost

import (
	"testing"

	"kubesecret.local/toolchain/langhost/langhosttest"
)

func TestOptions(t *testing.T) {
	options := OptionsOf(langhosttest.ProgramInfo(t, map[string]any{"name": "venv", "flag": false, "choice": "b"}))
	choices := []OptionChoice[int]{Choice("", 10), Choice("a", 1), Choice("b", 2)}
	if s := options.String("name"); s != "venv" {
		t.Errorf("String(name) = %q", s)
	}
	if s := options.String("unset"); s != "" {
		t.Errorf("String(unset) = %q", s)
	}
	if b := options.Bool("flag", true); b {
		t.Errorf("Bool(flag) = %v", b)
	}
	if b := options.Bool("unset", true); !b {
		t.Errorf("Bool(unset) = %v", b)
	}
	if v := OneOf(options, "choice", "a or b", choices...); v != 2 {
		t.Errorf("OneOf(choice) = %v", v)
	}
	if v := OneOf(options, "unset", "a or b", choices...); v != 10 {
		t.Errorf("OneOf(unset) = %v", v)
	}
	if err := options.Err(); err != nil {
		t.Error(err)
	}
	if OptionsOf(nil).String("name") != "" {
		t.Error("a program info without options has none")
	}
}

func TestOptionsErrors(t *testing.T) {
	values := map[string]any{"number": 1.0, "name": "c"}
	choices := []OptionChoice[int]{Choice("", 0), Choice("a", 1)}
	for _, c := range []struct {
		read func(o *Options) any
		want string
	}{
		{func(o *Options) any { return o.String("number") }, `runtime option "number" must be a string, got 1`},
		{func(o *Options) any { return o.Bool("name", true) }, `runtime option "name" must be a boolean, got c`},
		{func(o *Options) any { return OneOf(o, "name", "a", choices...) }, `runtime option "name" must be a, got "c"`},
		{func(o *Options) any { return OneOf(o, "number", "a", choices...) },
			`runtime option "number" must be a string, got 1`},
	} {
		options := &Options{values: values}
		c.read(options)
		if err := options.Err(); err == nil || err.Error() != c.want {
			t.Errorf("got %v, want %s", err, c.want)
		}
	}
	// The first error is the one reported.
	options := &Options{values: values}
	options.String("number")
	options.Bool("name", false)
	if err := options.Err(); err == nil || err.Error() != `runtime option "number" must be a string, got 1` {
		t.Errorf("Err = %v, want the first error", err)
	}
}
