-- Written by hand (Prisma's schema has no functions): lets one statement that saves several bot
-- states fail as a whole when one of them was changed by someone else since it was read
-- (src/store/PrismaStorage.ts). SQLSTATE FS409 is ours: "eTag conflict".
CREATE FUNCTION bot_state_conflict(item INTEGER) RETURNS BOOLEAN
LANGUAGE plpgsql AS $$
BEGIN
  -- The item's position, not its key: keys hold platform ids and the server logs errors.
  RAISE EXCEPTION 'bot state item % was changed by another writer', item USING ERRCODE = 'FS409';
END;
$$;
