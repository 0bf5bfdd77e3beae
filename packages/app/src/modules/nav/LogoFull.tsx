import { makeStyles, Typography } from '@material-ui/core';
import { LogoIcon } from './LogoIcon';

const useStyles = makeStyles({
  root: {
    display: 'flex',
    alignItems: 'center',
    gap: 10,
    color: '#7df3e1',
    whiteSpace: 'nowrap',
  },
  name: {
    fontWeight: 700,
    fontSize: 20,
    lineHeight: 1,
  },
});

/** The portal's mark and name, for the open sidebar. */
export const LogoFull = () => {
  const classes = useStyles();
  return (
    <span className={classes.root}>
      <LogoIcon />
      <Typography component="span" className={classes.name}>
        Platform Portal
      </Typography>
    </span>
  );
};
