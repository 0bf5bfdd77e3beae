import { makeStyles } from '@material-ui/core';

const useStyles = makeStyles({
  svg: {
    width: 28,
    height: 28,
    flexShrink: 0,
  },
  layer: {
    fill: '#7df3e1',
  },
});

/** The portal's mark: the platform's layers, stacked. */
export const LogoIcon = () => {
  const classes = useStyles();
  return (
    <svg
      className={classes.svg}
      xmlns="http://www.w3.org/2000/svg"
      viewBox="0 0 32 32"
      aria-hidden
    >
      <rect
        className={classes.layer}
        x="2"
        y="3"
        width="28"
        height="7"
        rx="2"
      />
      <rect
        className={classes.layer}
        x="2"
        y="12.5"
        width="28"
        height="7"
        rx="2"
        opacity="0.8"
      />
      <rect
        className={classes.layer}
        x="2"
        y="22"
        width="28"
        height="7"
        rx="2"
        opacity="0.6"
      />
    </svg>
  );
};
