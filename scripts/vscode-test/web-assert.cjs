// `node:assert/strict` in the suite's web bundle (suite.sh --web): the npm `assert` package's strict export.
module.exports = require('assert').strict;
