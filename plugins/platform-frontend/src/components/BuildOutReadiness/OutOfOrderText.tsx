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

import Typography from '@material-ui/core/Typography';
import { makeStyles } from '@material-ui/core/styles';
import { ReactNode } from 'react';
import { verdictColour } from '../VerdictChip';

// The palette's error red falls short of 4.5:1 on white and on table rows.
const useStyles = makeStyles(theme => ({
  flag: { color: verdictColour(theme, 'critical') },
}));

/** A line of text that flags a problem: a build-out out of order, a failure. */
export function OutOfOrderText(props: { children: ReactNode }) {
  const classes = useStyles();
  return (
    <Typography variant="body2" className={classes.flag}>
      {props.children}
    </Typography>
  );
}
