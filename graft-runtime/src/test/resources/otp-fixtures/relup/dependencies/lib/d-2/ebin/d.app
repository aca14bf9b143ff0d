{application,d,
             [{description,"A Graft relup fixture"},
              {vsn,"2"},
              {modules,['d.Sup','d.Srv','d.Lib','d.Util','d.Base','d.A','d.B',
                        'd.Slow','d.Fast']},
              {registered,[]},
              {applications,[kernel,stdlib]}]}.
