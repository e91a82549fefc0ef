import { IsOptional, ValidateIf } from 'class-validator';

/**
 * Marks a body or query field as optional: an absent field skips its validators, but `null` is
 * validated like any other value (and so refused), unlike class-validator's IsOptional. Fields where
 * `null` means something (clearing a value) say so with `{ nullable: true }` and document it in
 * their @ApiProperty.
 */
export function Optional(options: { nullable?: boolean } = {}): PropertyDecorator {
  if (options.nullable) return IsOptional();
  return ValidateIf((_object: object, value: unknown) => value !== undefined);
}
