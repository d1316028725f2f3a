# The reference for `bydelsmor export conversations` (docs/performance.md): the same seven
# columns of every logged conversation, straight from the journal.
$3 == "conversation.logged" {
  for (i = 4; i <= NF; i++) { split($i, kv, "="); v[kv[1]] = kv[2] }
  print v["id"] ";" v["date"] ";" v["volunteer"] ";" v["contact"] ";" v["topics"] ";" v["referred"] ";" v["minutes"]
}
