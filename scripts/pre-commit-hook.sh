#!/bin/sh
# storylint pre-commit hook: copy to .git/hooks/pre-commit (and chmod +x) to refuse commits whose
# staged Markdown has storylint errors. Set STORYLINT to choose the command (default: the project's
# storylint through npx). Note: it lints the working-tree version of each staged file.
# --backlog . reads the rest of the repository's stories, so a staged story reusing a committed
# story's id is refused; only the staged files' findings are reported.
STORYLINT="${STORYLINT:-npx --no-install storylint}"

# Nothing staged in Markdown: nothing to lint (storylint without paths would lint the whole folder).
if git diff --cached --quiet --diff-filter=ACMR -- '*.md' '*.markdown'; then
  exit 0
fi

# NUL-separated names survive spaces and newlines in paths. Hooks run at the top of the work tree.
git diff --cached --name-only --diff-filter=ACMR -z -- '*.md' '*.markdown' | xargs -0 $STORYLINT --backlog . --
status=$?
if [ "$status" -ne 0 ]; then
  echo "storylint: commit refused; fix the findings above (or commit with --no-verify to skip the check)." >&2
  exit 1
fi
