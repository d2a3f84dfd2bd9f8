"use client";

import { useQueryClient } from "@tanstack/react-query";
import { queryKeys } from "@/components/ui/query-keys";
import { WholeNumberSettingForm } from "@/components/ui/whole-number-setting-form";
import { PASSWORD_MIN_LENGTH_RANGE, savePasswordMinLength } from "./security-api";

const { min, max } = PASSWORD_MIN_LENGTH_RANGE;

/** The organisation's password minimum length; it applies to passwords set from now on. */
export function PasswordLengthForm({ value }: { value: number }) {
  const queryClient = useQueryClient();
  return (
    <WholeNumberSettingForm
      name="passwordMinLength"
      label="Minimum password length"
      value={value}
      range={PASSWORD_MIN_LENGTH_RANGE}
      hint={`${min} to ${max} characters. Applies to passwords set from now on; existing passwords keep working.`}
      save={savePasswordMinLength}
      onSaved={(settings) => queryClient.setQueryData(queryKeys.security.settings, settings)}
      savedMessage={(settings) => `Saved: new passwords need at least ${settings.passwordMinLength} characters.`}
    />
  );
}
