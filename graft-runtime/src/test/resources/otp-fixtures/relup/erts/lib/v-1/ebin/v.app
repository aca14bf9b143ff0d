{application,v,
             [{description,"A Graft relup fixture"},
              {vsn,"1"},
              {modules,['v.M']},
              {registered,[]},
              {applications,[kernel,stdlib]}]}.
