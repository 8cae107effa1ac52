import { useEffect, useRef } from 'react';

/** Moves focus to a view's heading when it opens, so keyboard and screen-reader users land there. */
export function useFocusHeading(focus: boolean) {
  const heading = useRef<HTMLHeadingElement>(null);
  useEffect(() => {
    if (focus) heading.current?.focus();
  }, [focus]);
  return heading;
}
