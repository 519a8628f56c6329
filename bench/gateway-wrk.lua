-- One chat completion POSTed with the bench account's key (bench/gateway-wrk.sh sets WRK_KEY from its keys file).
--   WRK_KEY=sk-... wrk -t1 -c8 -d20s --latency -s bench/gateway-wrk.lua http://127.0.0.1:PORT/v1/chat/completions
wrk.method = "POST"
wrk.headers["Content-Type"] = "application/json"
wrk.headers["Authorization"] = "Bearer " .. assert(os.getenv("WRK_KEY"), "WRK_KEY is not set")
wrk.body = '{"model":"gpt-bench","messages":[{"role":"system","content":"You are a helpful assistant."},{"role":"user","content":"What is six times seven?"}],"max_tokens":64}'
