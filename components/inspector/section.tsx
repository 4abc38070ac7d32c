import type * as React from "react";

import { Card, CardContent, CardHeader, CardTitle } from "@/components/ui/card";
import { cn } from "@/lib/utils";

interface SectionProps {
  title: string;
  children: React.ReactNode;
  action?: React.ReactNode;
  className?: string;
}

/** One panel of the inspector. */
export function Section({ title, children, action, className }: SectionProps) {
  const id = `section-${title.toLowerCase().replace(/[^a-z]+/g, "-")}`;
  return (
    <Card className={cn("gap-3", className)} aria-labelledby={id} role="region">
      <CardHeader className="flex-row items-center justify-between">
        <CardTitle id={id} className="text-base">
          {title}
        </CardTitle>
        {action}
      </CardHeader>
      <CardContent>{children}</CardContent>
    </Card>
  );
}
