/*
 * Copyright 2026 The Platform Portal Authors
 *
 * Licensed under the Apache License, Version 2.0 (the "License");
 * you may not use this file except in compliance with the License.
 * You may obtain a copy of the License at
 *
 *     http://www.apache.org/licenses/LICENSE-2.0
 *
 * Unless required by applicable law or agreed to in writing, software
 * distributed under the License is distributed on an "AS IS" BASIS,
 * WITHOUT WARRANTIES OR CONDITIONS OF ANY KIND, either express or implied.
 * See the License for the specific language governing permissions and
 * limitations under the License.
 */

import { Link } from '@backstage/core-components';
import { UpgradeFinding } from '@platform-portal/plugin-platform-common';
import Box from '@material-ui/core/Box';
import Paper from '@material-ui/core/Paper';
import Table from '@material-ui/core/Table';
import TableBody from '@material-ui/core/TableBody';
import TableCell from '@material-ui/core/TableCell';
import TableHead from '@material-ui/core/TableHead';
import TableRow from '@material-ui/core/TableRow';
import Typography from '@material-ui/core/Typography';

/** Field paths and values have no spaces: they wrap anywhere rather than widen the page. */
const BREAKABLE = { wordBreak: 'break-all' } as const;

/** One blocker or warning: what it is, the facts it rests on, and what to do. */
export function UpgradeFindingCard(props: { finding: UpgradeFinding }) {
  const { finding } = props;
  return (
    <Paper variant="outlined">
      <Box p={2}>
        <Typography variant="h6" component="h3">
          {finding.title}
        </Typography>
        <Typography variant="body2" paragraph>
          {finding.message}
        </Typography>
        <Table size="small" aria-label={`Evidence: ${finding.title}`}>
          <TableHead>
            <TableRow>
              <TableCell>Object</TableCell>
              <TableCell>Field</TableCell>
              <TableCell>Value</TableCell>
            </TableRow>
          </TableHead>
          <TableBody>
            {finding.evidence.map((e, i) => (
              <TableRow key={i}>
                <TableCell>{e.object}</TableCell>
                <TableCell style={BREAKABLE}>
                  <code>{e.field}</code>
                </TableCell>
                <TableCell style={BREAKABLE}>
                  <code>{e.value}</code>
                </TableCell>
              </TableRow>
            ))}
          </TableBody>
        </Table>
        <Box mt={2}>
          <Typography variant="subtitle2" component="h4">
            What to do
          </Typography>
          <ol>
            {finding.runbook.map((step, i) => (
              <li key={i}>
                <Typography variant="body2">{step}</Typography>
              </li>
            ))}
          </ol>
          {finding.source && (
            <Typography variant="caption">
              Source: <Link to={finding.source}>{finding.source}</Link>
            </Typography>
          )}
        </Box>
      </Box>
    </Paper>
  );
}
