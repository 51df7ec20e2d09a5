package langhost

import (
	"errors"
	"os/exec"
	"testing"
)

func TestRunResponse(t *testing.T) {
	run := func(script string) error { return exec.Command("sh", "-c", script).Run() }
	cases := []struct {
		name string
		err  error
		// what the run reports in each wording: upstream's Python host's, then its Node.js host's
		lowercase, capitalised string
		bail                   bool
	}{
		{"success", nil, "", "", false},
		{"exit 32: the SDK has reported the error", run("exit 32"), "", "", true},
		{"exit code", run("exit 3"),
			"program exited with non-zero exit code: 3", "Program exited with non-zero exit code: 3", false},
		{"signal", run("kill -TERM $$"),
			"program was terminated by signal: terminated", "Program was terminated by signal: terminated", false},
		{"not started", errors.New("no such file"),
			"problem executing program (could not run language executor): no such file",
			"Problem executing program (could not run language executor): no such file", false},
	}
	for _, c := range cases {
		for _, language := range []Language{{}, {CapitalisedErrors: true}} {
			want := c.lowercase
			if language.CapitalisedErrors {
				want = c.capitalised
			}
			if r := language.runResponse(c.err); r.GetError() != want || r.GetBail() != c.bail {
				t.Errorf("%s (capitalised %v): %v, want error %q, bail %v", c.name, language.CapitalisedErrors, r, want, c.bail)
			}
		}
	}
}
